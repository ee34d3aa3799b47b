import { document, resolvePointer, type OpenApiDocument } from "@agent-analytics/contract";
import type { ConformanceResult, Failure, RequirementResult } from "../types.js";
import { checkOf } from "../selection.js";
import { summaryLine } from "./text.js";

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function failure(f: Failure, kind: "failure" | "warning" = "failure"): string {
  const response = f.response ? `${f.response.status}\n${JSON.stringify(f.response.body, null, 2)}` : "(no response)";
  const rules = (f.provenance ?? []).map((p) => `<br><small>${esc(p)}</small>`).join("");
  return `<div class="${kind}"><p>${kind === "warning" ? "<b>Warning:</b> " : ""}${esc(f.message)}${rules}</p><p><b>Expected:</b> ${esc(f.expected)}</p>
<details><summary>Request and response</summary><pre>${esc(`${f.request.method} ${f.request.url}`)}</pre><pre>${esc(response)}</pre><pre>${esc(f.curl)}</pre></details></div>`;
}

const ORDER = { fail: 0, warn: 1, pass: 2, skip: 3 } as const;

/** The contract text a requirement points at: the JSON at its pointer (the part before any note in parentheses). */
function contractText(doc: OpenApiDocument, specRef: string): string | undefined {
  const pointer = specRef.split(" ")[0]!;
  if (!pointer.startsWith("#/")) return undefined;
  let node: unknown;
  try {
    node = resolvePointer(doc, pointer);
  } catch {
    // A pointer to what the operation does not declare (no parameters): the operation says it.
    node = resolvePointer(doc, pointer.replace(/\/[^/]+$/, ""));
  }
  if (node === undefined) return undefined;
  const text = JSON.stringify(node, null, 2);
  return text.length > 6000 ? `${text.slice(0, 6000)}\n...` : text;
}

function counts(requirements: RequirementResult[]): Record<string, number> {
  const out: Record<string, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const r of requirements) out[r.status]!++;
  return out;
}

function countRow(label: string, c: Record<string, number>): string {
  return `<tr><td>${esc(label)}</td><td class="pass">${c.pass}</td><td class="warn">${c.warn}</td><td class="fail">${c.fail}</td><td class="skip">${c.skip}</td></tr>`;
}

/**
 * A self-contained HTML page that opens on a summary (the verdict, counts per class and per check,
 * the run's seed and versions), then every requirement, failures first, with a filter; each links
 * to the contract text it checks, which the page carries.
 */
export function toHtml(result: ConformanceResult, doc: OpenApiDocument = document): string {
  const all = result.classes.flatMap((c) => c.requirements);
  const checks = [...new Set(all.map((r) => checkOf(r.id)))].sort();
  const byClass = result.classes.map((c) => countRow(`${c.id}${c.claimed ? "" : " (not claimed)"}: ${c.status}`, counts(c.requirements))).join("\n");
  const byCheck = checks.map((check) => countRow(check, counts(all.filter((r) => checkOf(r.id) === check)))).join("\n");
  const refs = new Map<string, number>();
  const rows = [...all]
    .sort((a, b) => ORDER[a.status] - ORDER[b.status])
    .map((r) => {
      const text = contractText(doc, r.specRef);
      if (text !== undefined && !refs.has(r.specRef)) refs.set(r.specRef, refs.size);
      const ref = text === undefined ? esc(r.specRef) : `<a href="#ref-${refs.get(r.specRef)}">${esc(r.specRef)}</a>`;
      const details = `${esc(r.reason ?? "")}${r.failures.map((f) => failure(f)).join("")}${r.warnings.map((w) => failure(w, "warning")).join("")}`;
      return `<tr class="${r.status}" data-text="${esc(`${r.status} ${r.id} ${r.title}`.toLowerCase())}"><td>${r.status}</td><td><code>${esc(r.id)}</code><br>${esc(r.title)}<br><small>${ref} · ${r.durationMs} ms</small></td><td>${details}</td></tr>`;
    })
    .join("\n");
  const appendix = [...refs.entries()].map(([specRef, i]) => `<h3 id="ref-${i}"><code>${esc(specRef)}</code></h3><pre>${esc(contractText(doc, specRef)!)}</pre>`).join("\n");
  const m = result.meta;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Conformance of ${esc(result.baseUrl)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px;vertical-align:top}
#all{width:100%}.pass{color:#1a7f37}.warn{color:#9a6700}.fail{color:#cf222e}.skip{color:#777}tr.fail td:first-child{font-weight:bold}pre{white-space:pre-wrap;background:#f6f8fa;padding:4px}</style></head>
<body><h1>Conformance of ${esc(result.baseUrl)}: ${result.passed ? "passed" : "failed"} (level ${esc(result.level)})</h1>
<p><b>${esc(summaryLine(result))}</b></p>
<p>Kit ${esc(m.kitVersion)}, contract ${esc(m.contractVersion)} (sha256 <code>${esc(m.contractHash)}</code>), seed <code>${m.seed}</code>, max-examples ${m.maxExamples}, started ${esc(result.startedAt)}. Options: <code>${esc(JSON.stringify(m.options))}</code></p>
<h2>Summary</h2>
<table><tr><th>class</th><th>passed</th><th>warned</th><th>failed</th><th>skipped</th></tr>${byClass}</table>
<h3>Per check</h3>
<table><tr><th>check</th><th>passed</th><th>warned</th><th>failed</th><th>skipped</th></tr>${byCheck}</table>
<h2>Requirements, failures first</h2>
<p><label>Filter: <input id="filter" placeholder="fail, figures, getAgentStats..." size="40"></label></p>
<table id="all">${rows}</table>
<h2>Contract text</h2>
${appendix}
<script>document.getElementById("filter").addEventListener("input",function(e){var q=e.target.value.toLowerCase();document.querySelectorAll("#all tr").forEach(function(tr){tr.style.display=tr.dataset.text.indexOf(q)>=0?"":"none";});});</script>
</body></html>\n`;
}
