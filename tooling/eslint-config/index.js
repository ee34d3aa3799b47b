// Shared flat config: typescript-eslint's recommended rules, plus the few this codebase relies on.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/*.generated.ts", "**/coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Unused arguments prefixed with _ document an intentionally ignored parameter (Express handlers).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // `eval` and friends are banned outright: the invariant grammar exists so nothing needs them.
      "no-eval": "error",
      "no-new-func": "error",
    },
  },
);
