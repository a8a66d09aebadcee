import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from '../golden.js';
import { FIXTURES, spotlight } from './run-cli.js';

const run = promisify(execFile);
const SCRIPTS = path.join(ROOT, 'scripts');

async function script(
  name: string,
  args: readonly string[],
  cwd = ROOT,
): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('bash', [path.join(SCRIPTS, name), ...args], { cwd });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('reference-compatible scripts', () => {
  it('compare-ae.sh MODE prints what spotlight compare prints, from ./results', async () => {
    const cwd = path.join(FIXTURES, 'compare');
    const viaScript = await script('compare-ae.sh', ['main-edge'], cwd);
    const direct = await spotlight(['compare', 'main-edge'], { cwd });
    assert.equal(viaScript.status, 0, viaScript.stderr);
    assert.equal(viaScript.stdout, direct.stdout);
    assert.match(viaScript.stdout, /^Path,Min,Max,Median,Median Normalized to Spotlight\n/);
  });

  it('compare-ae.sh rejects an unknown mode', async () => {
    const result = await script('compare-ae.sh', ['main-egde']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /comparison: "main-egde" is not accepted/);
  });

  it('run-ae.sh passes a mode and its options on to the sweep command', async () => {
    const result = await script('run-ae.sh', [
      'main-edge', '--trials', '2', '--models', 'VGG16', '--techniques', 'NVDLA', '--list',
    ]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      result.stdout,
      /^Edge-NVDLA-EDP-VGG16 +not started +0\/2 +spotlight single --model VGG16 --target EDP /m,
    );
  });

  it('run-ae.sh maps --slurm-queue to a SLURM partition and explains what is missing', async () => {
    const noQueue = await script('run-ae.sh', ['ablation', '--slurm']);
    assert.equal(noQueue.status, 2);
    assert.match(noQueue.stderr, /--slurm needs --slurm-queue QUEUE/);

    const usage = await script('run-ae.sh', []);
    assert.equal(usage.status, 2);
    assert.match(usage.stdout, /^Usage: .*run-ae\.sh MODE/);

    const unknown = await script('run-ae.sh', ['everything']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown mode 'everything'/);
  });
});
