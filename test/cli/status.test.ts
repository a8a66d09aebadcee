import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, lines, spotlight } from './run-cli.js';

const TINY = path.join(FIXTURES, 'models', 'tiny.csv');

/** A folder under the results root, with the given files. */
async function folderWith(root: string, at: string, files: Record<string, string>) {
  const dir = path.join(root, ...at.split('/'));
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe('spotlight status on local results', () => {
  it('lists every configuration folder under the root, in the state its files give', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'spotlight-status-'));
    const single = await spotlight([
      'single', '--model', TINY, '--target', 'EDP', '--technique', 'Spotlight', '--scale',
      'Edge', '--hw-trials', '1', '--sw-trials', '2', '--workers', '0', '--seed', '1',
      '--results', root, '-q',
    ]);
    assert.equal(single.status, 0, single.stderr);

    // The same run, asked for three trials: one is done.
    const runJson = JSON.parse(
      await readFile(path.join(root, 'Edge', 'Spotlight', 'EDP', 'tiny', 'run.json'), 'utf8'),
    );
    await folderWith(root, 'Edge/Spotlight/Delay/tiny', {
      'run.json': JSON.stringify({ ...runJson, trialsRequested: 3 }),
    });
    await folderWith(root, 'Edge/Spotlight/EDP/broken', {
      'run.json': '{"format": ',
      'trials.csv': 'trial\n0\n',
    });
    await folderWith(root, 'Edge/Eyeriss/EDP/VGG16', { 'out.txt': 'opt_hw target 1.0\n' });

    const status = await spotlight(['status', '--results', root]);
    assert.equal(status.status, 0, status.stderr);
    const rows = lines(status.stdout).map((line) => line.split(/\s{2,}/));
    assert.deepEqual(rows.slice(1, -1).map((row) => row.slice(0, 2)), [
      ['Edge-Eyeriss-EDP-VGG16', 'failed'],
      ['Edge-Spotlight-Delay-tiny', 'pending'],
      ['Edge-Spotlight-EDP-broken', 'failed'],
      ['Edge-Spotlight-EDP-tiny', 'done'],
    ]);
    const detail = (key: string) => rows.find((row) => row[0] === key)?.[2] ?? '';
    assert.match(detail('Edge-Eyeriss-EDP-VGG16'), /^holds out\.txt without run\.json/);
    assert.match(detail('Edge-Spotlight-Delay-tiny'), /^1 of 3 trial\(s\) done; not submitted/);
    assert.match(detail('Edge-Spotlight-EDP-broken'), /^results unreadable: run\.json is not /);
    assert.equal(detail('Edge-Spotlight-EDP-tiny'), 'results complete');
    assert.equal(lines(status.stdout).at(-1), '4 configurations: 1 done, 0 running, 1 pending, ' +
      '2 failed');

    const filtered = await spotlight(['status', '--results', root, '--techniques', 'eyeriss']);
    assert.deepEqual(lines(filtered.stdout).slice(1, -1).map((line) => line.split(/\s+/)[0]), [
      'Edge-Eyeriss-EDP-VGG16',
    ]);
  });

  it('shows a sweep configuration with a corrupt run.json as failed, and why', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'spotlight-status-'));
    await folderWith(root, 'Edge/Eyeriss/EDP/VGG16', {
      'run.json': 'not json',
      'trials.csv': 'trial\n0\n',
    });
    const status = await spotlight([
      'status', 'full-edge', '--models', 'VGG16', '--techniques', 'Eyeriss', '--results', root,
    ]);
    assert.equal(status.status, 0, status.stderr);
    assert.match(
      status.stdout,
      /^Edge-Eyeriss-EDP-VGG16\s+failed\s+results unreadable: run\.json is not valid JSON/m,
    );
    assert.match(status.stdout, /^Edge-Eyeriss-Delay-VGG16\s+pending\s+not submitted$/m);
  });
});
