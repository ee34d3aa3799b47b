import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { document } from "@agent-analytics/contract";
import { apiReference } from "@scalar/express-api-reference";
import express, { type Router } from "express";
import { documentServedFrom, requestOrigin } from "./served-document.js";

/**
 * `/docs`: the API reference rendered by Scalar from the merged document. The renderer's script is
 * served from node_modules (`/docs/standalone.js`) so the page needs no CDN.
 */
export function docsRouter(): Router {
  const router = express.Router();
  const entry = createRequire(import.meta.url).resolve("@scalar/api-reference");
  const standalone = join(dirname(entry), "browser", "standalone.js");
  // Served with `servers` starting at the origin the request reached, so that the reference page's
  // "Test request" calls this server on its real port.
  router.get("/openapi.json", (req, res) => {
    const origin = requestOrigin(req.protocol, req.get("host"));
    res.json(origin ? documentServedFrom(document, origin) : document);
  });
  router.get("/docs/standalone.js", (_req, res) => {
    res.sendFile(standalone, { maxAge: "1d", dotfiles: "allow" });
  });
  router.get(
    "/docs",
    apiReference({
      url: "/openapi.json",
      cdn: "/docs/standalone.js",
      pageTitle: "Agent Analytics API reference",
      // Everything the page needs comes from this server: system fonts rather than Scalar's font
      // host, and none of the hosted services (AI agent, MCP) the renderer can link to.
      withDefaultFonts: false,
      agent: { disabled: true },
      mcp: { disabled: true },
      showDeveloperTools: "never",
      defaultOpenAllTags: true,
    }),
  );
  return router;
}
