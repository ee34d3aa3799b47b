import { ingestBatch } from "../ingest/ingest.js";
import { openDatabase } from "../storage/engine.js";
import { migrate } from "../storage/migrate.js";
import { createOrganization } from "../storage/keys.js";
import { benchBatches } from "./data.js";

const db = await openDatabase({ dataDir: process.env.REPRO_DIR ?? "memory://", databaseUrl: process.env.DATABASE_URL, schema: "benchkeep" });
await migrate(db);
const org = await createOrganization(db, "p");
const gen = benchBatches(Number(process.env.N ?? 200_000));
let n = 0;
const first = gen.next().value!;
await ingestBatch(db, org, first);
const worker = async () => {
  for (let next = gen.next(); !next.done; next = gen.next()) {
    try {
      const r = await ingestBatch(db, org, next.value);
      if (r.kind !== "stored") console.log("rejected", JSON.stringify(r).slice(0, 300));
      n++;
    } catch (e) { console.log("ERR", n, e); process.exit(1); }
  }
};
await Promise.all([worker(), worker(), worker(), worker()]);
console.log("ok", n);
