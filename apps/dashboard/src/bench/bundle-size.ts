import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** Every file of the production build with its size raw and gzipped (level 9, as a server would precompress). */
export function measureBundle(distDir: string): BundleFile[] {
  const files: BundleFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const content = readFileSync(path);
        files.push({ file: relative(distDir, path), bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length });
      }
    }
  };
  walk(distDir);
  return files.sort((a, b) => b.gzipBytes - a.gzipBytes);
}
