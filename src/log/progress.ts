/**
 * Progress of a search run on stderr. On a terminal, one line redrawn in place: a bar over the
 * hardware samples of all trials, the layer searches under way, the best value so far and an
 * ETA. Elsewhere (a log file, a SLURM job), a plain line at a fixed interval, so logs stay
 * readable. `off` prints nothing (--quiet, --no-progress).
 */

import type { Writable } from 'node:stream';
import { formatExponential } from '../results/number-format.js';

export type ProgressMode = 'bar' | 'lines' | 'off';

export interface ProgressState {
  /** Current trial, from 0. */
  readonly trial: number;
  readonly trials: number;
  /** Valid hardware samples finished in the current trial. */
  readonly hardwareDone: number;
  /** Invalid hardware samples (some layer found no schedule) in the current trial. */
  readonly hardwareInvalid?: number;
  /** Valid hardware samples the trial needs (its budget); invalid ones do not count. */
  readonly hardwareTotal: number;
  /** Layer searches under way for the current hardware sample. */
  readonly layersRunning: number;
  /** Layer searches finished for the current hardware sample. */
  readonly layersDone: number;
  /** Layers of the model (searches per hardware sample). */
  readonly layers: number;
  /** Best target value so far in this run, if any. */
  readonly best?: number;
}

export interface ProgressOptions {
  readonly stream: Writable & { columns?: number };
  readonly mode: ProgressMode;
  /** `EDP` or `Delay`, printed next to the best value. */
  readonly targetName: string;
  /** Prefix of each line, e.g. a configuration key. */
  readonly label?: string;
  /** Between plain lines. @default 30000 */
  readonly lineIntervalMs?: number;
  /** Between bar redraws; more often only costs terminal output. @default 100 */
  readonly redrawIntervalMs?: number;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
}

export interface Progress {
  update(patch: Partial<ProgressState>): void;
  /** Erases the bar so a log line can be written (the logger calls this). */
  clear(): void;
  /** Draws the bar again after a log line. */
  redraw(): void;
  /** Stops updating; the bar is erased, a final plain line is printed in `lines` mode. */
  stop(): void;
  /** The text of the current state, as the next line would show it. */
  render(width?: number): string;
}

const INITIAL: ProgressState = {
  trial: 0,
  trials: 1,
  hardwareDone: 0,
  hardwareTotal: 1,
  layersRunning: 0,
  layersDone: 0,
  layers: 1,
};

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const started = now();
  const lineInterval = options.lineIntervalMs ?? 30_000;
  const redrawInterval = options.redrawIntervalMs ?? 100;
  let state = INITIAL;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  let stopped = false;
  let updated = false;
  let trailing: NodeJS.Timeout | undefined;

  const describe = (width: number | undefined): string => {
    const fraction = completedFraction(state);
    const elapsed = (now() - started) / 1000;
    const eta = fraction > 0 ? duration((elapsed * (1 - fraction)) / fraction) : '-';
    const best = state.best === undefined ? '-' : formatExponential(state.best, 4);
    const label = options.label === undefined ? '' : `${options.label} `;
    const invalid = state.hardwareInvalid ?? 0;
    // The 0-based index the results files use, then the count.
    const trial = `trial ${state.trial} (${state.trial + 1}/${state.trials})`;
    if (width === undefined) {
      const parts = [
        trial,
        `hardware ${state.hardwareDone}/${state.hardwareTotal} valid` +
          (invalid > 0 ? `, ${invalid} invalid` : ''),
        `layers ${state.layersDone}/${state.layers} done, ${state.layersRunning} running`,
        `best ${options.targetName} ${best}`,
        `elapsed ${duration(elapsed)}`,
        `ETA ${eta}`,
      ];
      return `${label}${parts.join(', ')}`;
    }

    // A terminal line is short: the same facts, abbreviated; the bar shrinks to make room.
    const shortBest = state.best === undefined ? '-' : formatExponential(state.best, 3);
    const text =
      `ETA ${eta} ${label}${trial} hw ${state.hardwareDone}/${state.hardwareTotal}` +
      `${invalid > 0 ? ` (${invalid} invalid)` : ''} layers ${state.layersDone}/${state.layers} ` +
      `(${state.layersRunning} run) best ${shortBest}`;
    const barWidth = Math.max(5, Math.min(30, width - text.length - 9));
    const filled = Math.round(fraction * barWidth);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${percent(fraction)}`;
    return `${bar} ${text}`.slice(0, Math.max(1, width - 1));
  };

  const draw = (force: boolean): void => {
    if (stopped || options.mode === 'off') return;
    const at = now();
    if (options.mode === 'bar') {
      if (!force && at - lastDraw < redrawInterval) {
        // Draw the skipped state once the interval is over: without this the bar would show a
        // stale state (a finished sample's 100%) until the next update, minutes later maybe.
        trailing ??= setTimeout(() => {
          trailing = undefined;
          draw(true);
        }, redrawInterval - (at - lastDraw));
        trailing.unref?.();
        return;
      }
      // A pseudo-terminal may report 0 columns; assume a common width then.
      options.stream.write(`\r\x1b[K${describe(options.stream.columns || 80)}`);
      drawn = true;
    } else {
      if (!force && at - lastDraw < lineInterval) return;
      options.stream.write(`progress: ${describe(undefined)}\n`);
    }
    lastDraw = at;
  };

  const clear = (): void => {
    if (options.mode === 'bar' && drawn) {
      options.stream.write('\r\x1b[K');
      drawn = false;
    }
  };

  // The first plain line waits one interval: short runs need no progress lines at all.
  if (options.mode === 'lines') lastDraw = started;

  return {
    update(patch) {
      state = { ...state, ...patch };
      updated = true;
      draw(false);
    },
    clear,
    redraw() {
      if (options.mode === 'bar' && updated) draw(true);
    },
    stop() {
      if (stopped) return;
      clearTimeout(trailing);
      clear();
      stopped = true;
    },
    render: (width) => describe(width),
  };
}

/** The mode for a stream: a bar on a terminal, plain lines elsewhere, nothing when quiet. */
export function progressMode(isTty: boolean, quiet: boolean): ProgressMode {
  if (quiet) return 'off';
  return isTty ? 'bar' : 'lines';
}

/**
 * Share of all trials' valid hardware samples done. Finished layers of the sample under way
 * count in proportion to the share of samples that were valid so far: a sample may yet turn
 * out invalid, and then it brings the trial no closer to its budget.
 */
export function completedFraction(state: ProgressState): number {
  const perTrial = Math.max(1, state.hardwareTotal);
  const invalid = state.hardwareInvalid ?? 0;
  const validShare = invalid > 0 ? state.hardwareDone / (state.hardwareDone + invalid) : 1;
  const withinSample = state.layers > 0 ? (validShare * state.layersDone) / state.layers : 0;
  const done = state.trial * perTrial + Math.min(state.hardwareDone + withinSample, perTrial);
  return Math.min(1, Math.max(0, done / (Math.max(1, state.trials) * perTrial)));
}

/** `1h02m`, `3m05s`, `42s`. */
export function duration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = whole % 60;
  if (hours > 0) return `${hours}h${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m${String(secs).padStart(2, '0')}s`;
  return `${secs}s`;
}

function percent(fraction: number): string {
  return `${String(Math.floor(fraction * 100)).padStart(3, ' ')}%`;
}
