import { describe, expect, it } from "vitest";
import { defaultSettings, loadSettings, saveSettings } from "./settings.js";

const config = { apiBase: "/api", apiKey: "k", server: "http://127.0.0.1:4010", mock: true };
const defaults = defaultSettings(config, "http://127.0.0.1:4020");

function memory(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { items, getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
}

describe("settings", () => {
  it("default to the dashboard's proxy and the key it was started with", () => {
    expect(defaults).toEqual({ baseUrl: "http://127.0.0.1:4020/api", apiKey: "k", prefer: "" });
  });

  it("stored settings win; ?prefer= applies to this visit; a damaged entry is ignored", () => {
    const storage = memory();
    saveSettings({ ...defaults, apiKey: "member" }, defaults, storage);
    expect(loadSettings(defaults, storage, new URLSearchParams("prefer=delay%3D100"))).toEqual({ ...defaults, apiKey: "member", prefer: "delay=100" });
    expect(loadSettings(defaults, memory({ "agent-analytics-dashboard:settings": "{not json" }), new URLSearchParams())).toEqual(defaults);
  });

  it("saving the defaults forgets what was stored", () => {
    const storage = memory();
    saveSettings({ ...defaults, prefer: "code=500" }, defaults, storage);
    expect(storage.items.size).toBe(1);
    saveSettings(defaults, defaults, storage);
    expect(storage.items.size).toBe(0);
  });
});
