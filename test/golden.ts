import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root, whether this runs from `test/` or from `dist/test/`. */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (path.basename(dir) !== 'test') dir = path.dirname(dir);
  const parent = path.dirname(dir);
  return path.basename(parent) === 'dist' ? path.dirname(parent) : parent;
}

export const ROOT = repoRoot();
export const GOLDEN_DIR = path.resolve(ROOT, '..', 'shared', 'golden');

export function goldenPath(name: string): string {
  return path.join(GOLDEN_DIR, name);
}

/** Every line of a golden JSON-lines file, parsed. */
export function readGoldenLines<T = any>(name: string): T[] {
  const text = readFileSync(goldenPath(name), 'utf8');
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
}
