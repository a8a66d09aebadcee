/**
 * Gaussian-process surrogate cost: hyper-parameter fit and prediction of one BO batch, with
 * the direct n x n solver (the implementation before the feature-space one) and with the
 * solver the surrogate picks by itself, on seeded data shaped like BO features.
 *
 * Usage: npm run build && node dist/scripts/bench-gp.js [-- --passes N]
 * Each figure is the median over N passes (default 5) of the mean CPU time per call within a
 * pass (a pass repeats the call for at least 200 ms of CPU); one untimed pass warms the JIT
 * first. CPU rather than wall time, so other work on a shared machine does not count.
 */
import seedrandom from 'seedrandom';

import type { GpSolver } from '../src/optim/gp.js';
import { Surrogate } from '../src/optim/surrogate.js';

type Rows = number[][];

const POINT_COUNTS = [30, 60, 100];
const FEATURE_COUNTS = [6, 30];
const CANDIDATES = 1000;
const MIN_PASS_MS = 200;

function passesFromArgs(): number {
  const at = process.argv.indexOf('--passes');
  const passes = at >= 0 ? Number(process.argv[at + 1]) : 5;
  if (!Number.isInteger(passes) || passes < 1) throw new Error('--passes wants an integer >= 1');
  return passes;
}

/**
 * Raw features like a design's: powers of two (tile sizes, PE counts), log-ish spreads and a
 * duplicated column, because real raw feature sets repeat information.
 */
function features(rng: () => number, count: number, width: number): Rows {
  return Array.from({ length: count }, () => {
    const row = Array.from({ length: width }, (_, k) =>
      k % 3 === 0 ? 2 ** Math.floor(rng() * 10) : (k % 3 === 1 ? 1 + rng() * 100 : rng()),
    );
    if (width > 6) row[width - 1] = row[0];
    return row;
  });
}

/** A noisy objective with a linear trend the kernel can pick up. */
function objective(rng: () => number, x: Rows): number[] {
  return x.map((row) => row.reduce((sum, v, k) => sum + (k % 2 ? v : -v / 4), 0) * (1 + rng()));
}

/** CPU milliseconds of this process (all threads, so garbage collection counts too). */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e3;
}

/** CPU milliseconds per call: median over passes of the mean within a pass. */
function timePerCall(passes: number, run: () => unknown): number {
  const pass = (): number => {
    let calls = 0;
    const start = process.cpuUsage();
    let elapsed = 0;
    while (elapsed < MIN_PASS_MS) {
      run();
      calls++;
      elapsed = cpuMs(start);
    }
    return elapsed / calls;
  };
  pass();
  const times = Array.from({ length: passes }, pass).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function largestRelativeGap(a: Float64Array, b: Float64Array): number {
  let gap = 0;
  for (let i = 0; i < a.length; i++) {
    gap = Math.max(gap, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-12));
  }
  return gap;
}

function main(): void {
  const passes = passesFromArgs();
  console.log(
    `GP surrogate benchmark, node ${process.version}, one thread; CPU ms per call, median of ` +
      `${passes} passes; predict = acquisition of ${CANDIDATES} raw candidates (scaling included)`,
  );
  console.log(
    '   d    n  solver   |  fit: direct      now  speed-up | predict: direct      now' +
      '  speed-up | fitted |dtheta| | same theta: mean gap  std gap',
  );

  for (const width of FEATURE_COUNTS) {
    for (const count of POINT_COUNTS) {
      const rng = seedrandom(`bench-gp ${width} ${count}`);
      const x = features(rng, count, width);
      const y = objective(rng, x);
      const candidates = features(rng, CANDIDATES, width);

      const fitWith = (solver?: GpSolver) => Surrogate.fit(x, y, { solver });
      const direct = fitWith('direct');
      const chosen = fitWith();
      const fitDirect = timePerCall(passes, () => fitWith('direct'));
      const fitNow = timePerCall(passes, () => fitWith());
      const predictDirect = timePerCall(passes, () => direct.acquisition(candidates));
      const predictNow = timePerCall(passes, () => chosen.acquisition(candidates));

      // The two fits stop wherever the ascent's tolerances let them, so their theta may differ
      // in the last digits; the solvers themselves are compared at one theta.
      const thetaGap = Math.max(
        ...chosen.process.theta.map((t, i) => Math.abs(t - direct.process.theta[i])),
      );
      const atDirectTheta = Surrogate.fit(x, y, { theta: direct.process.theta });
      const expected = direct.predict(candidates);
      const actual = atDirectTheta.predict(candidates);
      const meanGap = largestRelativeGap(actual.mean, expected.mean);
      const stdGap = largestRelativeGap(actual.std, expected.std);

      const ms = (value: number, pad: number) => value.toFixed(3).padStart(pad);
      const ratio = (before: number, after: number) =>
        `${(before / after).toFixed(1)}x`.padStart(9);
      const exp = (value: number, pad: number) => value.toExponential(1).padStart(pad);
      console.log(
        `${String(width).padStart(4)} ${String(count).padStart(4)}  ` +
          `${chosen.process.solver.padEnd(8)} | ${ms(fitDirect, 12)} ${ms(fitNow, 8)} ` +
          `${ratio(fitDirect, fitNow)} | ${ms(predictDirect, 15)} ${ms(predictNow, 8)} ` +
          `${ratio(predictDirect, predictNow)} | ${exp(thetaGap, 15)} | ` +
          `${exp(meanGap, 20)} ${exp(stdGap, 8)}`,
      );
    }
  }
}

main();
