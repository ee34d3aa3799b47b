/**
 * Strings that break naive servers: NUL and lone surrogates (which many databases cannot store),
 * path and SQL metacharacters, format strings, control and direction characters. Whatever a server
 * does with them (store them, refuse them with its validation status), it must not fail on them.
 */
export const HOSTILE_STRINGS = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "x\ud83d",
  "\ud83dx",
  "../../../../etc/passwd",
  "..%2f..%2f",
  "'; DROP TABLE runs; --",
  "' OR '1'='1",
  '" OR ""="',
  "\\",
  "%s%s%s%n",
  "${jndi:ldap://127.0.0.1/x}",
  "<script>alert(1)</script>",
  "\u202e\u0007\u001b[31m",
  "\uffff\ufffe",
  "null",
  "undefined",
  "[object Object]",
  "__proto__",
  "constructor",
  "0000-00-00",
  "9999-99-99T99:99:99Z",
  "-0",
  "1e309",
  "\r\nX-Injected: 1",
];
