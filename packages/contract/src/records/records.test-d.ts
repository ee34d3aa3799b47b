import { describe, expectTypeOf, it } from "vitest";
import type { CanonicalRecord, IngestRecord, RecordType } from "./records.js";

// Checked by the compiler (`pnpm typecheck`, `vitest --typecheck`): the canonical records are
// derived from the ingest schema's generated types, with every default made present.
describe("canonical records", () => {
  it("are the ingest records with every optional field present", () => {
    expectTypeOf<RecordType>().toEqualTypeOf<"users" | "agents" | "sessions" | "runs" | "messages" | "feedback" | "kbFiles">();
    expectTypeOf<IngestRecord<"runs">["tokens"]>().toEqualTypeOf<
      { input: number; output: number; cached?: number; cacheWrite?: number; reasoning?: number; audioInput?: number; audioOutput?: number } | undefined
    >();
    expectTypeOf<CanonicalRecord<"runs">["tokens"]>().toEqualTypeOf<{
      input: number; output: number; cached: number; cacheWrite: number; reasoning: number; audioInput: number; audioOutput: number;
    }>();
    expectTypeOf<CanonicalRecord<"runs">["model"]>().toEqualTypeOf<{ id: string; provider: string } | null>();
    expectTypeOf<CanonicalRecord<"runs">["postsGenerated"]>().toEqualTypeOf<number>();
    expectTypeOf<CanonicalRecord<"runs">["completedAt"]>().toEqualTypeOf<string | null>();
    expectTypeOf<CanonicalRecord<"runs">["status"]>().toEqualTypeOf<"queued" | "running" | "completed" | "failed">();
    expectTypeOf<CanonicalRecord<"sessions">["userId"]>().toEqualTypeOf<string | null>();
    expectTypeOf<CanonicalRecord<"users">["metadata"]>().toEqualTypeOf<{ [key: string]: string }>();
    expectTypeOf<CanonicalRecord<"agents">>().toEqualTypeOf<{ id: string; name: string; kind: "agent" | "team" | "workflow" }>();
  });
});
