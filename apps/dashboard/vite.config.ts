import { defineConfig } from "vite";

// The browser app only (src/app); the Node server in src/server serves its build. Preact's JSX
// through Oxc's automatic runtime, so no framework plugin is needed.
export default defineConfig({
  root: "src/app",
  base: "./",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: "../../dist", emptyOutDir: true, target: "es2022", reportCompressedSize: false },
});
