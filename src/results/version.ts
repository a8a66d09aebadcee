/**
 * The version of this tool, from package.json, recorded in every run.json so that a result can
 * be traced to the code that produced it.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function toolVersion(): string {
  if (cached !== undefined) return cached;
  // Walk up from this file: it runs from src/ under ts tooling and from dist/src/ once built.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (manifest.name === 'spotlight-ts') {
        cached = String(manifest.version);
        return cached;
      }
    } catch {
      // No package.json at this level; keep walking up.
    }
    dir = path.dirname(dir);
  }
  cached = 'unknown';
  return cached;
}
