/**
 * Ctrl-C and SIGTERM during a run: the first one aborts the searches under way (worker threads
 * running a layer search are terminated), so the run stops within seconds and keeps every
 * trial it completed; a second one quits at once.
 */

import { setMaxListeners } from 'node:events';
import type { Logger } from '../log/logger.js';

export interface Interruption {
  /** Aborted at the first signal. */
  readonly signal: AbortSignal;
  /** The signal received, if any. */
  received(): NodeJS.Signals | undefined;
  /** Stops listening; signals behave as before. */
  dispose(): void;
}

const STATUS_BY_SIGNAL: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

export function watchInterrupts(log: Logger, beforeLog?: () => void): Interruption {
  const controller = new AbortController();
  // Every layer search under way listens to the signal (65 for ResNet-50, times --jobs).
  setMaxListeners(0, controller.signal);
  let received: NodeJS.Signals | undefined;

  const onSignal = (signal: NodeJS.Signals): void => {
    beforeLog?.();
    if (received !== undefined) {
      log.warn(`${signal} again: quitting now; trials completed before the first signal are kept`);
      process.exit(STATUS_BY_SIGNAL[signal] ?? 1);
    }
    received = signal;
    log.warn(
      `${signal} received: stopping the searches under way; completed trials are kept ` +
        '(send it again to quit at once)',
    );
    controller.abort(new Error(`interrupted by ${signal}`));
  };

  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** The exit status for a run stopped by `signal` (128 + its number, as shells report it). */
export function interruptedStatus(signal: NodeJS.Signals | undefined): number {
  return signal === undefined ? 1 : STATUS_BY_SIGNAL[signal] ?? 1;
}
