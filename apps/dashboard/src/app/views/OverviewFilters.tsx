import type { Params } from "@agent-analytics/client";

/** The getStats filters, named in the page's URL as the contract names them. */
export type StatsFilters = Pick<Params<"getDashboardStats">, "allInOrg" | "agentId" | "userId" | "metadataKey" | "metadataValue">;

const TEXT_FILTERS = ["agentId", "userId", "metadataKey", "metadataValue"] as const satisfies readonly (keyof StatsFilters)[];

/**
 * The filters the URL holds. Without `allInOrg` in it, an admin sees the whole organisation and a
 * member (or a key whose role is not known yet) their own conversations, which is all a member may see.
 */
export function filtersFrom(params: URLSearchParams, role: string | undefined): StatsFilters {
  const scope = params.get("allInOrg");
  const filters: StatsFilters = { allInOrg: scope === null ? role === "admin" : scope === "true" };
  for (const name of TEXT_FILTERS) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

interface Props {
  filters: StatsFilters;
  role: string | undefined;
  onChange: (next: Record<string, string | undefined>) => void;
}

export function OverviewFilters({ filters, role, onChange }: Props) {
  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const next: Record<string, string | undefined> = { allInOrg: form.get("allInOrg") === "on" ? "true" : "false" };
    for (const name of TEXT_FILTERS) next[name] = String(form.get(name) ?? "").trim() || undefined;
    onChange(next);
  };
  return (
    <form class="filters" onSubmit={submit} aria-label="Filters">
      <label title={role === "admin" ? "" : "Only admins may see the whole organisation"}>
        <input type="checkbox" name="allInOrg" checked={filters.allInOrg} /> Whole organisation{role === "admin" ? "" : " (admin)"}
      </label>
      <label>
        Agent <input name="agentId" value={filters.agentId ?? ""} placeholder="agent_support" />
      </label>
      <label>
        User <input name="userId" value={filters.userId ?? ""} placeholder="user_001" />
      </label>
      <label>
        Metadata key <input name="metadataKey" value={filters.metadataKey ?? ""} placeholder="plan" />
      </label>
      <label>
        value <input name="metadataValue" value={filters.metadataValue ?? ""} placeholder="enterprise" />
      </label>
      <button type="submit">Apply</button>
    </form>
  );
}
