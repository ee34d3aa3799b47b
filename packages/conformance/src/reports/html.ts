import type { ConformanceResult, Failure } from "../types.js";

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function failure(f: Failure, kind: "failure" | "warning" = "failure"): string {
  const response = f.response ? `${f.response.status}\n${JSON.stringify(f.response.body, null, 2)}` : "(no response)";
  const rules = (f.provenance ?? []).map((p) => `<br><small>${esc(p)}</small>`).join("");
  return `<div class="${kind}"><p>${kind === "warning" ? "<b>Warning:</b> " : ""}${esc(f.message)}${rules}</p><p><b>Expected:</b> ${esc(f.expected)}</p>
<details><summary>Request and response</summary><pre>${esc(`${f.request.method} ${f.request.url}`)}</pre><pre>${esc(response)}</pre><pre>${esc(f.curl)}</pre></details></div>`;
}

/** A self-contained HTML page: a table per class, failures expandable. */
export function toHtml(result: ConformanceResult): string {
  const sections = result.classes.map((cls) => {
    const rows = cls.requirements
      .map((r) => `<tr class="${r.status}"><td>${r.status}</td><td><code>${esc(r.id)}</code><br>${esc(r.title)}<br><small>${esc(r.specRef)}</small></td><td>${esc(r.reason ?? "")}${r.failures.map((f) => failure(f)).join("")}${r.warnings.map((w) => failure(w, "warning")).join("")}</td></tr>`)
      .join("\n");
    return `<h2 class="${cls.status}">${esc(cls.id)}: ${cls.status}${cls.claimed ? "" : " (not claimed)"}</h2>\n<table>${rows}</table>`;
  });
  return `<!doctype html><html><head><meta charset="utf-8"><title>Conformance of ${esc(result.baseUrl)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td{border:1px solid #ddd;padding:4px;vertical-align:top}
.pass{color:#1a7f37}.warn{color:#9a6700}.fail{color:#cf222e}.skip{color:#777}tr.fail td:first-child{font-weight:bold}pre{white-space:pre-wrap;background:#f6f8fa;padding:4px}</style></head>
<body><h1>Conformance of ${esc(result.baseUrl)}: ${result.passed ? "passed" : "failed"} (level ${esc(result.level)})</h1>
<p>Started ${esc(result.startedAt)}, ${result.requestCount} requests in ${(result.durationMs / 1000).toFixed(1)} s.</p>
${sections.join("\n")}</body></html>\n`;
}
