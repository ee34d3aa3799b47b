/**
 * Whether an `Accept` header admits one of `mediaTypes` (RFC 9110 12.5.1): exact types, `type/*`
 * and `*\/*`, parameters other than `q` ignored, `q=0` refusing. No header admits everything.
 */
export function acceptable(accept: string | string[] | undefined, mediaTypes: string[]): boolean {
  if (accept === undefined || mediaTypes.length === 0) return true;
  const ranges = (Array.isArray(accept) ? accept.join(",") : accept)
    .split(",")
    .map((part) => {
      const [range = "", ...params] = part.split(";").map((p) => p.trim().toLowerCase());
      const q = params.find((p) => p.startsWith("q="));
      return { range, q: q === undefined ? 1 : Number(q.slice(2)) };
    })
    .filter(({ range }) => range !== "");
  if (ranges.length === 0) return true;
  return mediaTypes.some((mediaType) => {
    const type = mediaType.toLowerCase();
    const major = type.split("/")[0];
    // The most specific range that matches decides (`text/*;q=0, */*` refuses text).
    const matching = ranges.filter(({ range }) => range === type || range === `${major}/*` || range === "*/*");
    if (matching.length === 0) return false;
    const specificity = (range: string) => (range === "*/*" ? 0 : range.endsWith("/*") ? 1 : 2);
    const best = matching.reduce((a, b) => (specificity(b.range) > specificity(a.range) ? b : a));
    return best.q > 0;
  });
}
