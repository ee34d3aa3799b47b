import { randomUUID } from "node:crypto";
import express, { type Express } from "express";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { handlers } from "../handlers/index.js";
import type { Database } from "../storage/engine.js";
import type { Gate } from "../storage/gate.js";
import { probesRouter } from "./probes.js";
import { contractRouter } from "./express-adapter.js";
import { docsRouter } from "./docs.js";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function createApp(db: Database, logger: Logger, track: (work: Promise<unknown>) => void, gate: Gate): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(
    pinoHttp({
      logger,
      // A caller's request id is echoed (when well-formed) so logs of several services line up.
      genReqId: (req, res) => {
        const given = req.headers["x-request-id"];
        const id = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader("x-request-id", id);
        return id;
      },
      // A shed or unavailable 503 is expected under overload: logged as info, so that thousands of
      // them do not flood the error log (their cause is logged once per lost connection).
      customLogLevel: (_req, res, error) => (error || (res.statusCode >= 500 && res.statusCode !== 503) ? "error" : "info"),
    }),
  );
  app.use(probesRouter(db, gate));
  app.use(docsRouter());
  app.use(contractRouter(db, handlers, track, gate));
  return app;
}
