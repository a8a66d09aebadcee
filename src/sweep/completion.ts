/**
 * Whether a sweep configuration still has work to do, judged exactly as `spotlight single`
 * would judge its results folder: the same resolved settings, the same fingerprint.
 */

import { parseSingleArgv } from '../cli/single/argv.js';
import { resolveSingle, type ResolvedSingle } from '../cli/single/resolve.js';
import { inspectResultFolder, type FolderState } from '../results/result-folder.js';
import { singleArgv, type SingleArgvOptions } from './argv.js';
import type { Configuration } from './matrix.js';

export interface ConfigurationPlan {
  readonly configuration: Configuration;
  /** The words after `spotlight` that run it. */
  readonly argv: readonly string[];
  readonly resolved: ResolvedSingle;
  readonly folder: FolderState;
}

/** Resolves a configuration's run and reads its results folder. */
export async function planConfiguration(
  configuration: Configuration,
  options: SingleArgvOptions = {},
): Promise<ConfigurationPlan> {
  const argv = singleArgv(configuration, options);
  const resolved = await resolveSingle(parseSingleArgv(argv));
  const folder = await inspectResultFolder(
    resolved.resultsDir,
    resolved.fingerprintSettings,
    resolved.trials,
  );
  return { configuration, argv, resolved, folder };
}

/** True when every requested trial of the configuration is in its folder, same settings. */
export async function isConfigurationComplete(
  configuration: Configuration,
  options: SingleArgvOptions = {},
): Promise<boolean> {
  return (await planConfiguration(configuration, options)).folder.state === 'complete';
}
