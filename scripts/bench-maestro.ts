/**
 * Cost-model throughput: evaluates every golden case (maestro-cases.jsonl) in this process on
 * one core and prints evaluations per second and peak memory.
 *
 * Usage: npm run bench:maestro [-- --passes N]
 * Each pass evaluates all cases once; the first pass warms the JIT and is not counted.
 *
 * Besides the golden cases in file order, two search-like workloads: the cases grouped by
 * layer and accelerator (one shared Layer and Accelerator object per group, as the search
 * passes them), and each case under three outer-level orders (the search tries three random
 * orders of a schedule's outer level on the same layer and accelerator).
 */
import {
  MaestroInputError, evaluate, evaluateSummary, parseDataflow,
} from '../maestro-cost/src/index.js';
import type { Accelerator, Directive, Layer, Mapping } from '../maestro-cost/src/index.js';
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
  console.log(`${label.padEnd(36)} ${rate(median(times.map((t) => t.wall)))} evaluations/s ` +
    `wall,${rate(median(times.map((t) => t.cpu)))} per CPU-second (median of ${passes} passes)`);
}

/** Key of a layer, and of a layer on an accelerator. */
function layerKey(row: Row): string {
  return JSON.stringify([row.layer.dims, row.layer.strides]);
}

function accelKey(row: Row): string {
  const m = row.maestro;
  return JSON.stringify([m.numPes, m.simdLanes, m.bitWidth, m.bandwidth, m.subClusters]);
}

function inputOf(row: Row, layer: Layer, accel: Accelerator): Input {
  const mapping = parseDataflow(row.maestro.dataflow, row.maestro.subClusters);
  return { layer, accel, dataflow: row.maestro.dataflow, mapping };
}

function acceleratorOf(row: Row): Accelerator {
  const m = row.maestro;
  return {
    numPes: m.numPes, simdLanes: m.simdLanes, bitWidth: m.bitWidth,
    bandwidth: m.bandwidth, subClusters: m.subClusters,
  };
}

/** The cases sorted by layer then accelerator, each group sharing its input objects. */
function groupedInputs(rows: Row[]): Input[] {
  const layers = new Map<string, Layer>();
  const accels = new Map<string, Accelerator>();
  const keyed = rows.map((row) => ({ row, key: `${layerKey(row)} ${accelKey(row)}` }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ row }) => {
    const layer = layers.get(layerKey(row)) ??
      { dims: row.layer.dims, strides: row.layer.strides };
    layers.set(layerKey(row), layer);
    const groupKey = `${layerKey(row)} ${accelKey(row)}`;
    const accel = accels.get(groupKey) ?? acceleratorOf(row);
    accels.set(groupKey, accel);
    return inputOf(row, layer, accel);
  });
}

/** Outer level (directives before the first cluster directive) in a fixed new order. */
function reorderOuter(directives: Directive[], order: (outer: Directive[]) => Directive[]) {
  const boundary = directives.findIndex((d) => d.kind === 'cluster');
  const end = boundary < 0 ? directives.length : boundary;
  return { directives: [...order(directives.slice(0, end)), ...directives.slice(end)] };
}

/** Every case as given, rotated by one and reversed in its outer level; shared objects. */
function threeOrderInputs(grouped: Input[]): Input[] {
  return grouped.flatMap((input) => {
    const { directives } = input.mapping;
    const rotated = reorderOuter(directives, (outer) => [...outer.slice(1), outer[0]]);
    const reversed = reorderOuter(directives, (outer) => [...outer].reverse());
    return [input, { ...input, mapping: rotated }, { ...input, mapping: reversed }];
  });
}

/** A reordered outer level may divide by zero in the model: an input error, still timed. */
function summaryOrRefusal(input: Input): unknown {
  try {
    return evaluateSummary(input.layer, input.accel, input.mapping);
  } catch (error) {
    if (error instanceof MaestroInputError) return null;
    throw error;
  }
}

function main(): void {
  const passes = passesFromArgs();
  const rows = readGoldenLines<Row>('maestro-cases.jsonl');
  const inputs = rows.map((row) =>
    inputOf(row, { dims: row.layer.dims, strides: row.layer.strides }, acceleratorOf(row)));
  const grouped = groupedInputs(rows);
  const threeOrders = threeOrderInputs(grouped);

  const mib = (bytes: number) => (bytes / 1048576).toFixed(1);
  console.log(`maestro-cost benchmark: ${inputs.length} golden cases ` +
    `(${new Set(rows.map(layerKey)).size} layers), node ${process.version}, one thread; ` +
    `RSS after loading the cases ${mib(process.memoryUsage().rss)} MiB`);
  report('evaluate (with metric map)', inputs, passes,
    ({ layer, accel, mapping }) => evaluate(layer, accel, mapping));
  report('evaluateSummary', inputs, passes,
    ({ layer, accel, mapping }) => evaluateSummary(layer, accel, mapping));
  report('parseDataflow + evaluateSummary', inputs, passes,
    ({ layer, accel, dataflow }) =>
      evaluateSummary(layer, accel, parseDataflow(dataflow, accel.subClusters)));
  report('evaluateSummary grouped by layer', grouped, passes,
    ({ layer, accel, mapping }) => evaluateSummary(layer, accel, mapping));
  report('evaluateSummary, 3 outer orders', threeOrders, passes, summaryOrRefusal);

  const usage = process.resourceUsage();
  const memory = process.memoryUsage();
  console.log(`peak RSS ${mib(usage.maxRSS * 1024)} MiB; heap used now ${mib(memory.heapUsed)} ` +
    `MiB of ${mib(memory.heapTotal)} MiB; user CPU ${(usage.userCPUTime / 1e6).toFixed(2)} s`);
}

main();
