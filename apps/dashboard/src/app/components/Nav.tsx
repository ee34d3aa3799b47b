import { href, type Route } from "../route.js";

export const VIEWS = [
  { path: "overview", label: "Overview" },
  { path: "trends", label: "Trends" },
  { path: "agents", label: "Agents" },
  { path: "agentos", label: "AgentOS" },
  { path: "people", label: "Users & assistants" },
  { path: "settings", label: "Settings" },
] as const;

export type ViewPath = (typeof VIEWS)[number]["path"];

/** The views, keeping the range and filters in every link. */
export function Nav({ route, current }: { route: Route; current: ViewPath }) {
  return (
    <nav aria-label="Views">
      {VIEWS.map((view) => (
        <a key={view.path} href={href([view.path], route.params)} aria-current={view.path === current ? "page" : undefined}>
          {view.label}
        </a>
      ))}
    </nav>
  );
}
