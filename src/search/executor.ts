import { availableParallelism } from 'node:os';

import { Piscina } from 'piscina';

import { searchLayer, type LayerSearchResult, type LayerSearchTask } from './layer-search.js';

/** Runs layer searches: on a pool of worker threads, or inline in this thread. */
export interface LayerSearchExecutor {
  readonly workers: number;
  run(task: LayerSearchTask, signal?: AbortSignal): Promise<LayerSearchResult>;
  close(): Promise<void>;
}

/** One worker per core unless told otherwise. */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

/**
 * `workers` threads; 0 runs every search inline (useful for tests and profiling). Results are
 * identical either way, since each search owns its generator.
 */
export function createExecutor(workers: number): LayerSearchExecutor {
  if (!Number.isInteger(workers) || workers < 0) {
    throw new RangeError(`workers must be a whole number >= 0, received ${workers}`);
  }
  return workers === 0 ? inlineExecutor() : poolExecutor(workers);
}

function poolExecutor(workers: number): LayerSearchExecutor {
  const pool = new Piscina<LayerSearchTask, LayerSearchResult>({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
  });
  return {
    workers,
    run: (task, signal) => pool.run(task, signal ? { signal } : {}),
    close: () => pool.destroy(),
  };
}

function inlineExecutor(): LayerSearchExecutor {
  return {
    workers: 0,
    async run(task, signal) {
      // Let timers and signal handlers run between searches.
      await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
      return searchLayer(task);
    },
    close: async () => {},
  };
}
