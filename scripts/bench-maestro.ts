/**
 * Cost-model throughput: evaluates every golden case (maestro-cases.jsonl) in this process on
 * one core and prints evaluations per second and peak memory.
 *
 * Usage: npm run bench:maestro [-- --passes N]
 * Each pass evaluates all cases once; the first pass warms the JIT and is not counted.
 */
import { evaluate, evaluateSummary, parseDataflow } from '../maestro-cost/src/index.js';
import type { Accelerator, Layer, Mapping } from '../maestro-cost/src/index.js';
import { readGoldenLines } from '../test/golden.js';

interface Row {
  layer: { dims: Layer['dims']; strides: Layer['strides'] };
  maestro: {
    numPes: number;
    simdLanes: number;
    bitWidth: number;
    bandwidth: number;
    subClusters: number[];
    dataflow: string;
  };
}

interface Input {
  layer: Layer;
  accel: Accelerator;
  dataflow: string;
  mapping: Mapping;
}

function passesFromArgs(): number {
  const at = process.argv.indexOf('--passes');
  const passes = at >= 0 ? Number(process.argv[at + 1]) : 5;
  if (!Number.isInteger(passes) || passes < 1) throw new Error('--passes wants an integer >= 1');
  return passes;
}

interface PassTime {
  /** Wall-clock seconds. */
  wall: number;
  /** CPU seconds of this process (user + system); robust when other work shares the cores. */
  cpu: number;
}

function timePass(inputs: Input[], run: (input: Input) => unknown): PassTime {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const input of inputs) run(input);
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function report(label: string, inputs: Input[], passes: number,
  run: (input: Input) => unknown): void {
  timePass(inputs, run);
  const times: PassTime[] = [];
  for (let pass = 0; pass < passes; pass++) times.push(timePass(inputs, run));
  const rate = (seconds: number) => String(Math.round(inputs.length / seconds)).padStart(7);
  console.log(`${label.padEnd(32)} ${rate(median(times.map((t) => t.wall)))} evaluations/s wall,` +
    `${rate(median(times.map((t) => t.cpu)))} per CPU-second (median of ${passes} passes)`);
}

function main(): void {
  const passes = passesFromArgs();
  const rows = readGoldenLines<Row>('maestro-cases.jsonl');
  const inputs: Input[] = rows.map((row) => {
    const m = row.maestro;
    const accel: Accelerator = {
      numPes: m.numPes, simdLanes: m.simdLanes, bitWidth: m.bitWidth,
      bandwidth: m.bandwidth, subClusters: m.subClusters,
    };
    const layer: Layer = { dims: row.layer.dims, strides: row.layer.strides };
    const mapping = parseDataflow(m.dataflow, m.subClusters);
    return { layer, accel, dataflow: m.dataflow, mapping };
  });

  const mib = (bytes: number) => (bytes / 1048576).toFixed(1);
  console.log(`maestro-cost benchmark: ${inputs.length} golden cases, node ${process.version}, ` +
    `one thread; RSS after loading the cases ${mib(process.memoryUsage().rss)} MiB`);
  report('evaluate (with metric map)', inputs, passes,
    ({ layer, accel, mapping }) => evaluate(layer, accel, mapping));
  report('evaluateSummary', inputs, passes,
    ({ layer, accel, mapping }) => evaluateSummary(layer, accel, mapping));
  report('parseDataflow + evaluateSummary', inputs, passes,
    ({ layer, accel, dataflow }) =>
      evaluateSummary(layer, accel, parseDataflow(dataflow, accel.subClusters)));

  const usage = process.resourceUsage();
  const memory = process.memoryUsage();
  console.log(`peak RSS ${mib(usage.maxRSS * 1024)} MiB; heap used now ${mib(memory.heapUsed)} ` +
    `MiB of ${mib(memory.heapTotal)} MiB; user CPU ${(usage.userCPUTime / 1e6).toFixed(2)} s`);
}

main();
