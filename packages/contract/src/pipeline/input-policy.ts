import type { Operation } from "../operations.js";
import type { RawRequest, RequestIssue } from "../request.js";

/**
 * A rule on what a request may hold beyond what its schemas say, checked on the decoded request
 * (path and query values as sent, the parsed JSON body) before the schemas are. This is where rules
 * on hostile input belong: characters a database cannot store (NUL, lone surrogates), dates outside
 * what it can hold. Any issue a policy returns is answered like a schema issue: the operation's
 * validation status, in the module's error format, before any handler runs.
 */
export interface InputPolicy {
  /** Names the policy in messages and tests. */
  name: string;
  check(request: RawRequest, operation: Operation): RequestIssue[];
}
