import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { document } from "@agent-analytics/spec";
import { apiReference } from "@scalar/express-api-reference";
import express, { type Router } from "express";

/**
 * `/docs`: the API reference rendered by Scalar from the merged document. The renderer's script is
 * served from node_modules (`/docs/standalone.js`) so the page needs no CDN.
 */
export function docsRouter(): Router {
  const router = express.Router();
  const entry = createRequire(import.meta.url).resolve("@scalar/api-reference");
  const standalone = join(dirname(entry), "browser", "standalone.js");
  router.get("/openapi.json", (_req, res) => {
    res.json(document);
  });
  router.get("/docs/standalone.js", (_req, res) => {
    res.sendFile(standalone, { maxAge: "1d", dotfiles: "allow" });
  });
  router.get(
    "/docs",
    apiReference({ url: "/openapi.json", cdn: "/docs/standalone.js", pageTitle: "Agent Analytics API reference" }),
  );
  return router;
}
