/** Configurations and an argv builder for SLURM tests that run the fake `single`. */

import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { SlurmConfiguration } from '../../src/slurm/index.js';

export interface FakeConfiguration extends SlurmConfiguration {
  /** The fake run's exit status. @default 0 */
  readonly exit?: number;
  /** Seconds the fake run takes. @default 0 */
  readonly sleep?: number;
}

export const FAKE_PROGRAM: readonly string[] = [
  process.execPath,
  fileURLToPath(new URL('./fake-single.js', import.meta.url)),
];

export function fakeConfiguration(
  model: string,
  technique: string,
  extra: Partial<FakeConfiguration> = {},
): FakeConfiguration {
  return { scale: 'Edge', technique, target: 'EDP', model, ...extra };
}

/** The argv the real sweep would build, plus the fake's own knobs. */
export function fakeArgv(resultsDir: string): (c: FakeConfiguration) => string[] {
  return (c) => [
    'single',
    '--results', resultsDir,
    '--scale', c.scale,
    '--technique', c.technique,
    '--target', c.target,
    '--model', c.model,
    '--exit', String(c.exit ?? 0),
    '--sleep', String(c.sleep ?? 0),
  ];
}

/** Complete when the fake wrote its out.txt. */
export function fakeIsComplete(resultsDir: string): (c: SlurmConfiguration) => Promise<boolean> {
  return async (c) => {
    const file = path.join(resultsDir, c.scale, c.technique, c.target, c.model, 'out.txt');
    return access(file).then(() => true, () => false);
  };
}
