/**
 * Search throughput: one trial of VGG16 / EDP / Edge / Spotlight at a small budget (10
 * accelerators x 40 schedules per layer), inline and on worker pools. Prints wall time, CPU
 * time of the process (all threads, so a loaded machine shows up as wall >> cpu / threads),
 * cost-model calls per second and the final EDP.
 *
 * Usage: npm run bench:search [-- options]
 *   --workers 0,1,2   executors to time (0 = inline in this thread; default 1,2)
 *   --repeat N        runs per executor, on the same threads (default 1); the first is
 *                     reported in full, later ones show the warmed-up wall time
 *   --seed S          seed of the timed runs (default 1)
 *   --seeds 1-7       instead of timing, run these seeds on the largest worker count and
 *                     print each final EDP and their median
 *   --hw N --sw N     budget (default 10 and 40)
 */
import { loadavg } from 'node:os';

import { BENCHMARK_MODELS } from '../src/models/index.js';
import {
  createExecutor,
  runTrial,
  techniqueSettings,
  type LayerSearchExecutor,
  type TrialResult,
} from '../src/search/index.js';

interface Options {
  workers: number[];
  repeat: number;
  seed: number;
  seeds?: number[];
  hwTrials: number;
  swTrials: number;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const integer = (flag: string, fallback: number, min: number): number => {
    const text = value(flag);
    const parsed = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(parsed) || parsed < min) {
      throw new Error(`${flag} wants an integer >= ${min}, received ${text}`);
    }
    return parsed;
  };
  const list = (text: string, flag: string): number[] => text.split(',').flatMap((part) => {
    const [low, high] = part.split('-').map(Number);
    const top = high ?? low;
    if (!Number.isInteger(low) || !Number.isInteger(top) || top < low) {
      throw new Error(`${flag} wants numbers or ranges such as 1,2 or 1-7, received ${text}`);
    }
    return Array.from({ length: top - low + 1 }, (_, i) => low + i);
  });

  const seedsText = value('--seeds');
  return {
    workers: list(value('--workers') ?? '1,2', '--workers'),
    repeat: integer('--repeat', 1, 1),
    seed: integer('--seed', 1, 0),
    seeds: seedsText === undefined ? undefined : list(seedsText, '--seeds'),
    hwTrials: integer('--hw', 10, 1),
    swTrials: integer('--sw', 40, 1),
  };
}

const layers = BENCHMARK_MODELS.VGG16;

function settingsFor(options: Options) {
  return techniqueSettings({
    technique: 'Spotlight',
    scale: 'edge',
    target: 'edp',
    hwTrials: options.hwTrials,
    swTrials: options.swTrials,
  });
}

interface Timed {
  result: TrialResult;
  wall: number;
  cpu: number;
}

async function timedTrial(
  options: Options,
  executor: LayerSearchExecutor,
  seed: number,
): Promise<Timed> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const settings = settingsFor(options);
  const result = await runTrial({ settings, layers, seed, trial: 0, executor });
  const wall = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return { result, wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function edpOf(result: TrialResult): number {
  return result.best?.targetValue ?? Number.NaN;
}

async function timeExecutors(options: Options): Promise<void> {
  const edps = new Set<string>();
  for (const workers of options.workers) {
    const startup = performance.now();
    const executor = createExecutor(workers);
    const runs: Timed[] = [];
    try {
      for (let i = 0; i < options.repeat; i++) {
        runs.push(await timedTrial(options, executor, options.seed));
      }
    } finally {
      await executor.close();
    }
    const total = (performance.now() - startup) / 1000;
    const { result } = runs[0];
    const label = workers === 0 ? 'inline   ' : `${workers} worker${workers > 1 ? 's' : ' '}`;
    const walls = runs.map((run) => run.wall.toFixed(2)).join(', ');

    // The first run on a fresh executor includes loading and optimising the code in each
    // thread; later runs show the steady state.
    console.log(
      `${label}  wall ${runs[0].wall.toFixed(2)} s (runs: ${walls}; executor lifetime ` +
        `${total.toFixed(2)} s)  cpu ${runs[0].cpu.toFixed(2)} s (all threads)  ` +
        `${Math.round(result.modelCalls / runs[0].wall)} model calls/s ` +
        `(${result.modelCalls} calls)  EDP ${edpOf(result).toExponential(4)}  ` +
        `stop ${result.stop}`,
    );
    edps.add(edpOf(result).toExponential(12));
  }

  // Every executor must find the same design: each layer search owns its generator.
  if (edps.size > 1) console.log(`WARNING: executors disagree on the final EDP: ${[...edps]}`);
}

async function seedSweep(options: Options, seeds: readonly number[]): Promise<void> {
  const workers = Math.max(...options.workers);
  const executor = createExecutor(workers);
  const edps: number[] = [];
  try {
    for (const seed of seeds) {
      const { result, wall } = await timedTrial(options, executor, seed);
      edps.push(edpOf(result));
      console.log(`seed ${seed}  EDP ${edpOf(result).toExponential(4)}  wall ${wall.toFixed(2)} s` +
        `  hw valid ${result.hardwareSamples.valid} invalid ${result.hardwareSamples.invalid}`);
    }
  } finally {
    await executor.close();
  }
  console.log(`median EDP over seeds ${seeds.join(',')}: ${median(edps).toExponential(4)}`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  console.log(
    `VGG16 / EDP / Edge / Spotlight: ${layers.length} layers, ${options.hwTrials} hardware x ` +
      `${options.swTrials} software samples; load average ${loadavg().map((l) => l.toFixed(2))}`,
  );
  if (options.seeds) await seedSweep(options, options.seeds);
  else await timeExecutors(options);
}

await main();
