/**
 * What the SLURM submitter needs from the rest of the command line, stated structurally so that
 * the sweep's `Configuration`, its argv builder and the command's logger fit without this
 * module importing them.
 */

/** The fields of a sweep configuration this module reads; the sweep's Configuration has them. */
export interface SlurmConfiguration {
  readonly scale: string;
  readonly technique: string;
  readonly target: string;
  readonly model: string;
}

/**
 * The arguments after the `spotlight` program for one configuration, starting with `single`
 * (e.g. `['single', '--model', 'VGG16', ...]`). It must carry the seed and the results folder,
 * so a job computes exactly what the local sweep would.
 */
export type ArgvBuilder<C extends SlurmConfiguration> = (configuration: C) => readonly string[];

/** Whether a configuration's results are complete; the results module answers this. */
export type CompletionProbe<C extends SlurmConfiguration> = (configuration: C) => Promise<boolean>;

/** The logger methods used here; the command line's Logger has them. */
export interface SlurmLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

export const QUIET: SlurmLogger = { debug: () => {}, info: () => {}, warn: () => {} };

/** The state `spotlight status` reports for a configuration. */
export type ConfigurationState = 'pending' | 'running' | 'done' | 'failed';

/** `Edge-Spotlight-EDP-VGG16`: the job name and file stem of a configuration. */
export function configurationKey(c: SlurmConfiguration): string {
  return `${c.scale}-${c.technique}-${c.target}-${c.model}`;
}
