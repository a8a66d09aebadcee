import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { resultDir } from '../../src/results/layout.js';
import { ResultFolder } from '../../src/results/result-folder.js';
import { sweepConfigurations } from '../../src/sweep/matrix.js';
import { describeSweepSeeds, keepRecordedSeeds } from '../../src/sweep/seeds.js';

describe('sweep seeds without --seed', () => {
  it('draws one seed for every configuration of a sweep', () => {
    const configurations = sweepConfigurations('full-edge', { models: ['VGG16'] });
    const seeds = new Set(configurations.map((c) => c.seed));
    assert.equal(seeds.size, 1);
    const [seed] = seeds;
    assert.ok(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31, String(seed));
  });

  it('keeps the seed recorded in a folder, and the drawn one elsewhere', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'spotlight-seeds-'));
    try {
      const configurations = sweepConfigurations('full-edge', {
        models: ['VGG16'],
        techniques: ['Eyeriss'],
        seed: 11,
      });
      const [edp, delay] = configurations;
      const folder = await ResultFolder.open(resultDir(root, edp), {
        settings: { any: 'settings' },
        seed: 42,
        trials: 1,
      });
      await folder.close();
      // An unreadable run.json is not a seed; `single` says what is wrong with the folder.
      const broken = resultDir(root, { ...delay, technique: 'NVDLA' });
      await ResultFolder.open(broken, { settings: {}, seed: 5, trials: 1 }).then((f) => f.close());
      await writeFile(path.join(broken, 'run.json'), '{ not json');

      const kept = await keepRecordedSeeds(
        [...configurations, { ...delay, technique: 'NVDLA' }],
        root,
      );
      assert.deepEqual(kept.configurations.map((c) => c.seed), [42, 11, 11]);
      assert.deepEqual(kept.recorded, [42]);
      assert.deepEqual(kept.configurations[0], { ...edp, seed: 42 });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('says which seed each configuration got', () => {
    assert.equal(describeSweepSeeds(7, true, 4, []), 'seed 7');
    assert.equal(describeSweepSeeds(7, false, 4, []), 'seed 7 (drawn; replay with --seed 7)');
    assert.equal(describeSweepSeeds(7, false, 2, [3, 3]), 'seed 3 (recorded in run.json)');
    assert.equal(
      describeSweepSeeds(7, false, 2, [3, 4]),
      "the seeds recorded in each folder's run.json",
    );
    assert.equal(
      describeSweepSeeds(7, false, 3, [3]),
      'seed 3 (recorded in run.json) for 1 configuration(s), seed 7 (drawn; replay with ' +
        '--seed 7) for the other 2',
    );
  });
});
