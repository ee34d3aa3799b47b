/** The report: a table for people, JSON for tools. */
import type { Base } from "./base.js";
import type { ChangesetVerdict } from "./changesets.js";
import { RULES, type Breaks, type Change, type Side } from "./rules.js";

export interface DiffReport {
  base: Base;
  changes: Change[];
  breaking: { clients: number; servers: number };
  changesets: ChangesetVerdict;
  /** False when a change breaks clients or servers and a breaking changeset is missing. */
  ok: boolean;
}

export function buildReport(base: Base, changes: Change[], changesets: ChangesetVerdict): DiffReport {
  const order = (c: Change) => (c.client || c.server ? 0 : c.kind === "documentation" ? 2 : 1);
  const sorted = [...changes].sort((a, b) => order(a) - order(b) || a.where.localeCompare(b.where) || a.at.localeCompare(b.at));
  const breaking = { clients: changes.filter((c) => c.client).length, servers: changes.filter((c) => c.server).length };
  const anyBreaking = breaking.clients + breaking.servers > 0;
  return { base, changes: sorted, breaking, changesets, ok: !anyBreaking || changesets.missing.length === 0 };
}

const cell = (breaks: boolean) => (breaks ? "BREAKS" : "ok");
const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 3)}...` : text);

export function formatTable(report: DiffReport): string {
  const { base, changes, breaking, changesets } = report;
  const lines = [`Contract compared with ${base.ref} (${base.commit.slice(0, 10)}, ${base.reason}).`];
  if (changes.length === 0) return [...lines, "No change."].join("\n");
  const rows = [
    ["clients", "servers", "change", "where", "what"],
    ...changes.map((c) => [cell(c.client), cell(c.server), c.kind, c.where, cut(`${c.at}: ${c.detail}`, 140)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const render = (row: string[]) => row.map((value, i) => (i === row.length - 1 ? value : value.padEnd(widths[i]!))).join("  ");
  lines.push("", render(rows[0]!), render(widths.map((w) => "-".repeat(w))), ...rows.slice(1).map(render), "");
  lines.push(`${changes.length} change(s): ${breaking.clients} break clients, ${breaking.servers} break servers.`);
  if (breaking.clients + breaking.servers === 0) lines.push("Nothing breaks: no breaking release needed.");
  else if (changesets.missing.length === 0) lines.push(`Breaking, announced: .changeset/ has a breaking release of ${changesets.affected.join(", ")}.`);
  else {
    lines.push(
      `Breaking changes need a breaking release (major; minor below 1.0.0) of ${changesets.affected.join(", ")}; no such changeset for ${changesets.missing.join(", ")}.`,
      "Undo the breaking change, or run `pnpm changeset`, choose major (minor for a 0.x package) for those packages and say what breaks for whom.",
    );
  }
  return lines.join("\n");
}

/** The rule table, from RULES itself: what each kind of change breaks in a request and in a response. */
export function formatRules(): string {
  const whom = ({ client, server }: Breaks) => (client && server ? "both" : client ? "clients" : server ? "servers" : "-");
  const sides: Side[] = ["request", "response"];
  const rows = [
    ["change", "in a request", "in a response", "meaning"],
    ...Object.entries(RULES).map(([kind, rule]) => [kind, ...sides.map((side) => ("only" in rule && rule.only !== side ? "n/a" : whom(rule.breaks({ side })))), rule.summary]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((row) => row.map((v, i) => (i === row.length - 1 ? v : v.padEnd(widths[i]!))).join("  ")).join("\n");
}
