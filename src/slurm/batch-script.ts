/**
 * The batch script of one configuration. Every sbatch option is an `#SBATCH` line, so the
 * script alone says how the job was submitted and can be resubmitted by hand. The job runs
 * `spotlight single ...` and records, beside the results, that it started and how it ended:
 * `spotlight status` reads that when the scheduler has forgotten the job (no accounting).
 */

import { exitRecordPath, logPaths, type SlurmLayout } from './layout.js';

export interface BatchScriptInput {
  /** Job name and file stem, e.g. `Edge-Spotlight-EDP-VGG16`. */
  readonly key: string;
  readonly partition: string;
  readonly timeLimit: string;
  /** Extra sbatch options, one option per entry, e.g. `--mem=8G` or `--account proj`. */
  readonly sbatchArgs: readonly string[];
  /** The job's working directory: where the sweep was submitted from. */
  readonly workDir: string;
  readonly layout: SlurmLayout;
  /** The program and its arguments, e.g. `[node, .../cli/main.js, 'single', ...]`. */
  readonly command: readonly string[];
  /** What wrote the script, for its header, e.g. `spotlight full-edge --slurm`. */
  readonly writtenBy: string;
}

const JOB_ID_SLOT = '\u0000job\u0000';

export function renderBatchScript(input: BatchScriptInput): string {
  const logs = logPaths(input.layout, input.key, '%j');
  // The record's name holds the job id, which only the job knows: the rest is quoted.
  const [recordHead, recordTail] = exitRecordPath(input.layout, input.key, JOB_ID_SLOT).split(
    JOB_ID_SLOT,
  );
  const record = `${shellWord(recordHead)}"\${SLURM_JOB_ID:-local}"${shellWord(recordTail)}`;
  const directives = [
    `--job-name=${input.key}`,
    `--partition=${input.partition}`,
    '--nodes=1',
    '--ntasks=1',
    `--time=${input.timeLimit}`,
    `--output=${directiveValue(logs.out)}`,
    `--error=${directiveValue(logs.err)}`,
    `--chdir=${directiveValue(input.workDir)}`,
    ...input.sbatchArgs,
  ];
  return [
    '#!/bin/bash',
    ...directives.map((d) => `#SBATCH ${d}`),
    '',
    `# Written by ${input.writtenBy}.`,
    '# One configuration of the sweep; the file below records that it started and how it',
    '# ended, for `spotlight status`.',
    `record=${record}`,
    '',
    'write_record() {',
    String.raw`  local format='{"jobId":"%s","state":"%s","exitCode":%s,"signal":"%s",'`,
    String.raw`  format+='"host":"%s","at":"%s"}\n'`,
    '  local at',
    '  at=$(date -u +%Y-%m-%dT%H:%M:%SZ)',
    '  printf "$format" "$SLURM_JOB_ID" "$1" "$2" "$signalled" "$(hostname -s)" "$at" \\',
    '    > "$record.tmp" && mv -f "$record.tmp" "$record"',
    '}',
    '',
    '# SLURM sends SIGTERM to every process of the job at its time limit or on scancel. The',
    '# run stops cleanly on it (keeping finished trials); the trap only lets this script live',
    '# on to record the ending, which a default SIGTERM would not.',
    "trap 'signalled=TERM' TERM",
    '',
    'write_record running null',
    input.command.map(shellWord).join(' '),
    'status=$?',
    'write_record exited "$status"',
    'exit "$status"',
    '',
  ].join('\n');
}

/** One shell word: as is when it has no special characters, else single-quoted. */
export function shellWord(word: string): string {
  if (/^[A-Za-z0-9_\-+=.,/:@%]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** sbatch reads `#SBATCH` lines as words; a path with spaces needs double quotes. */
function directiveValue(value: string): string {
  return /\s/.test(value) ? `"${value}"` : value;
}
