import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { goldenPath, readGoldenLines } from '../golden.js';
import { CLI, FIXTURES, lines, spotlight } from './run-cli.js';

const OUTPUTS = ['delay', 'energy', 'area', 'power', 'throughput'] as const;

const LAYER_FLAGS = [
  '--dims', 'N=1,K=64,C=64,X=56,Y=56,R=3,S=3',
  '--sub-clusters', '16,16',
  '--bandwidth', '64',
  '--dataflow', 'SK|1,TC|16,TR|3,TS|3,TY|3,TX|3,C,SC|1,TY|3,TX|3,TR|3,TS|3',
];

function relativeError(expected: number, actual: number): number {
  if (expected === actual) return 0;
  return Math.abs(expected - actual) / Math.max(Math.abs(expected), Number.MIN_VALUE);
}

describe('spotlight evaluate --cases', () => {
  it('prints one line per golden case that agrees with the reference', async () => {
    // A spread of the golden file: valid and invalid cases, edge and cloud points.
    const all = readGoldenLines('maestro-cases.jsonl');
    const picked = all.filter((_, index) => index % 400 < 3);
    assert.ok(picked.some((c) => !c.expect.valid) && picked.some((c) => c.expect.valid));
    const dir = await mkdtemp(path.join(tmpdir(), 'spotlight-evaluate-'));
    const file = path.join(dir, 'cases.jsonl');
    await writeFile(file, picked.map((c) => JSON.stringify(c)).join('\n') + '\n');

    const run = await spotlight(['evaluate', '--cases', file]);

    assert.equal(run.status, 0, run.stderr);
    const printed = lines(run.stdout).map((line) => JSON.parse(line));
    assert.equal(printed.length, picked.length);
    picked.forEach((golden, index) => {
      const got = printed[index];
      assert.equal(got.id, golden.id);
      assert.equal(got.valid, golden.expect.valid, `validity of ${golden.id}`);
      if (!golden.expect.valid) {
        assert.match(got.reason, /level \d/, `reason of ${golden.id} names the level`);
        return;
      }
      assert.deepEqual(Object.keys(got), ['id', 'valid', ...OUTPUTS]);
      for (const output of OUTPUTS) {
        const error = relativeError(golden.expect[output], got[output]);
        assert.ok(error <= 1e-9, `${golden.id} ${output}: relative error ${error}`);
      }
    });
    assert.match(run.stderr, new RegExp(`${picked.length} case\\(s\\) evaluated, 0 line\\(s\\)`));
  });

  it('reports each malformed line by number and field, evaluates the rest, exits 1', async () => {
    const run = await spotlight(['evaluate', '--cases', 'test/fixtures/evaluate/bad-lines.jsonl']);

    assert.equal(run.status, 1);
    const printed = lines(run.stdout).map((line) => JSON.parse(line));
    assert.deepEqual(printed.map((p) => [p.id, p.valid]), [
      ['conv3x3', true],
      ['window-too-small', false],
    ]);
    assert.match(printed[1].reason, /smaller than the filter/);
    assert.ok(!('note' in printed[0]), 'fields other than id, layer, maestro are ignored');

    const where = 'spotlight evaluate: test/fixtures/evaluate/bad-lines.jsonl';
    const errors = lines(run.stderr).filter((line) => line.startsWith(where));
    assert.deepEqual(
      errors.map((line) => line.slice(where.length + 2)),
      [
        'line 2: not valid JSON (Unexpected end of JSON input)',
        'line 3: field maestro.dataflow: is missing (expected string)',
        'line 4: field maestro.bandwidth: Invalid input: expected number, received string ' +
          '(got "abc")',
        'line 6: case dsconv: field maestro.layerType "DSCONV" is not accepted; only CONV is ' +
          'supported',
        errors[4].slice(where.length + 2),
      ],
    );
    assert.match(errors[4], /line 7: case zero-tile: .*"TC\|0" is not accepted; allowed: /);
    assert.match(run.stderr, /2 case\(s\) evaluated, 5 line\(s\) rejected/);
    assert.ok(!/\n\s+at /.test(run.stderr), 'no stack trace');
  });

  it('says a missing id is missing, and warns about an id used twice by line', async () => {
    const golden = readGoldenLines('maestro-cases.jsonl')[0];
    const { id: _id, ...noId } = golden;
    const input = [golden, noId, { ...golden }].map((c) => JSON.stringify(c)).join('\n') + '\n';
    const run = await spotlight(['evaluate', '--cases', '-'], { input });

    assert.equal(run.status, 1);
    assert.equal(lines(run.stdout).length, 2);
    const said = lines(run.stderr);
    assert.ok(
      said.includes('spotlight evaluate: -, line 2: field id: is missing (expected string or ' +
        'number)'),
      run.stderr,
    );
    assert.ok(
      said.includes(`spotlight evaluate: -, line 3: warning: id "${golden.id}" was used on ` +
        'line 1 already; their output lines cannot be told apart'),
      run.stderr,
    );
  });

  it('reads cases from stdin with --cases -', async () => {
    const good = lines(
      await (await import('node:fs/promises')).readFile(
        path.join(FIXTURES, 'evaluate', 'bad-lines.jsonl'),
        'utf8',
      ),
    )[0];
    const run = await spotlight(['evaluate', '--cases', '-', '--quiet'], { input: `${good}\n` });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).id, 'conv3x3');
    assert.equal(run.stderr, '');
  });

  it('refuses a missing file and layer flags next to --cases', async () => {
    const missing = await spotlight(['evaluate', '--cases', 'no/such/file.jsonl']);
    assert.equal(missing.status, 2);
    assert.equal(
      lines(missing.stderr)[0],
      'spotlight: error: --cases: "no/such/file.jsonl" does not exist; give a JSON-lines file ' +
        'of cases',
    );

    const mixed = await spotlight(['evaluate', '--cases', 'x.jsonl', '--bandwidth', '8']);
    assert.equal(mixed.status, 2);
    assert.equal(
      lines(mixed.stderr)[0],
      'spotlight: error: --bandwidth: cannot be combined with --cases (the cases file gives ' +
        'every layer)',
    );
  });

  it('stops quietly when the reader closes the pipe early (as `| head -1` does)', async () => {
    const child = spawn(process.execPath, [CLI, 'evaluate', '--cases',
      goldenPath('maestro-cases.jsonl')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise((resolve) => child.on('close', resolve));

    assert.equal(status, 0);
    assert.doesNotMatch(stderr, /EPIPE|at .*\.js:\d+/);
  });
});

describe('spotlight evaluate (one layer from flags)', () => {
  it('prints a readable table', async () => {
    const run = await spotlight(['evaluate', ...LAYER_FLAGS]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^layer\s+N=1 K=64 C=64 X=56 Y=56 R=3 S=3$/m);
    assert.match(run.stdout, /^valid\s+yes$/m);
    assert.match(run.stdout, /^delay\s+653,589 cycles$/m);
    assert.match(run.stdout, /^throughput\s+[\d.]+ MACs\/cycle$/m);
  });

  it('prints every digit of a number, not a rounded value that looks exact', async () => {
    const table = await spotlight(['evaluate', ...LAYER_FLAGS]);
    const json = JSON.parse((await spotlight(['evaluate', ...LAYER_FLAGS, '--json'])).stdout);
    assert.ok(!Number.isInteger(json.energy));
    const printed = /^energy\s+(\S+) x/m.exec(table.stdout)?.[1];
    assert.equal(printed, String(json.energy), 'no rounding, no thousands separators');
    assert.equal(Number(printed), json.energy);
  });

  it('refuses strides on dims other than X and Y; says --buf-sizes changes nothing', async () => {
    const run = await spotlight(['evaluate', ...LAYER_FLAGS, '--strides', 'X=2,K=2']);
    assert.equal(run.status, 2);
    assert.equal(
      lines(run.stderr)[0],
      'spotlight: error: --strides: "X=2,K=2" has unusable "K=2"; give DIM=SIZE pairs over ' +
        'X, Y with positive integer sizes, e.g. X=2,Y=2',
    );

    const help = await spotlight(['evaluate', '--help']);
    assert.match(help.stdout.replace(/\s+/g, ' '), /--buf-sizes <bytes> .* changes no result/);
  });

  it('prints JSON with --json and the metric set with --metrics', async () => {
    const run = await spotlight(['evaluate', ...LAYER_FLAGS, '--json', '--metrics']);
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.valid, true);
    assert.equal(result.delay, 653589);
    assert.equal(typeof result.metrics.Computations, 'number');
  });

  it('names the option, the value and what is accepted for every bad flag at once', async () => {
    const run = await spotlight([
      'evaluate',
      '--dims', 'N=1,K=2,Q=4',
      '--bandwidth', '0',
      '--sub-clusters', '3,x',
      '--layer-type', 'dsconv',
      '--dataflow', 'SK|1',
    ]);
    assert.equal(run.status, 2);
    assert.deepEqual(lines(run.stderr), [
      'spotlight: error: --dims: "N=1,K=2,Q=4" has unusable "Q=4" and misses C, X, Y, R, S; ' +
        'give DIM=SIZE pairs over N, K, C, X, Y, R, S with positive integer sizes, e.g. ' +
        'N=1,K=64,C=3,Y=224,X=224,R=3,S=3',
      'spotlight: error: --sub-clusters: "3,x" is not accepted; use comma-separated integers ' +
        '>= 1, e.g. 16,16',
      'spotlight: error: --bandwidth: "0" is not accepted; use an integer >= 1',
      'spotlight: error: --layer-type: "dsconv" is not accepted; use one of CONV (any letter ' +
        'case)',
      '(add --help for usage)',
    ]);
  });

  it('maps a cost-model input error back to the flag that set it', async () => {
    const flags = [...LAYER_FLAGS];
    flags[flags.indexOf('--dataflow') + 1] = 'SK|1,TC|0,C,SC|1';
    const run = await spotlight(['evaluate', ...flags, '--pes', '100']);
    assert.equal(run.status, 2);
    assert.match(lines(run.stderr)[0], /^spotlight: error: --(dataflow|sub-clusters) \(/);
    assert.ok(!/\n\s+at /.test(run.stderr), 'no stack trace');
  });

  it('asks for the flags a single layer needs', async () => {
    const run = await spotlight(['evaluate']);
    assert.equal(run.status, 2);
    assert.deepEqual(
      lines(run.stderr).map((line) => line.split(':')[2]?.trim()),
      ['--dims', '--sub-clusters', '--dataflow', '--bandwidth', undefined],
    );
    assert.ok(!/e\.g\..*e\.g\./.test(run.stderr), 'one example per line');
  });
});
