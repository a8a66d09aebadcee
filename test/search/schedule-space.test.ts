/**
 * The layer search's view of a software space: cached spaces, uniform flat indices from two
 * draws, lazily decoded candidates, genes for the GA, and exact draws beyond 2^53 points.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import seedrandom from 'seedrandom';

import {
  cachedSoftwareSpace,
  scheduleSearchSpace,
  uniformIndex,
} from '../../src/search/schedule-space.js';
import { ProductSpace, type SoftwarePoint } from '../../src/space/index.js';
import { TWO_LAYERS } from './helpers.js';

const dims = TWO_LAYERS[1].dims;

describe('cachedSoftwareSpace', () => {
  test('equal layer sizes share one space; another mode or shape gets its own', () => {
    const space = cachedSoftwareSpace(dims, 'searched', 2);
    assert.equal(cachedSoftwareSpace({ ...dims }, 'searched', 2), space);
    assert.notEqual(cachedSoftwareSpace(dims, 'fixed', 2), space);
    assert.notEqual(cachedSoftwareSpace(TWO_LAYERS[0].dims, 'searched', 2), space);
  });
});

describe('uniformIndex', () => {
  test('stays within [0, size) at both ends of the generator', () => {
    assert.equal(uniformIndex(() => 0, 10), 0);
    const top = 1 - 2 ** -32;
    assert.equal(uniformIndex(() => top, 10), 9);
    assert.equal(uniformIndex(() => top, 2 ** 53), 2 ** 53 - 1);

    // A generator with more than 32 bits may push the sum up to 1; the index still fits.
    assert.equal(uniformIndex(() => 1 - 2 ** -53, 7), 6);
  });

  test('reaches every index about equally often', () => {
    const rng = seedrandom.alea('uniform-index');
    const counts = new Array<number>(7).fill(0);
    const draws = 70_000;
    for (let i = 0; i < draws; i++) counts[uniformIndex(rng, 7)]++;

    // 10,000 expected per index; 5 % is over 10 standard deviations.
    for (const count of counts) assert.ok(Math.abs(count - 10_000) < 500, `${counts}`);
  });

  test('uses the second draw for the low bits of a large space', () => {
    const size = 2 ** 40;
    const draws = [0.5, 0.25];
    const index = uniformIndex(() => draws.shift()!, size);

    // 0.5 + floor(0.25 x 2^21) x 2^-53 = 0.5 + 2^-34, times 2^40: 2^39 + 2^6
    assert.equal(index, 2 ** 39 + 64);
  });
});

describe('scheduleSearchSpace', () => {
  const space = cachedSoftwareSpace(dims, 'searched', 2);

  test('a drawn candidate decodes to the point at its flat index, once', () => {
    let decodes = 0;
    const counting = new ProductSpace<SoftwarePoint>(
      space.parameters,
      (genes) => { decodes++; return space.fromGenes(genes); },
      (point) => space.genes(point),
    );
    const search = scheduleSearchSpace(counting, () => []);
    const rng = seedrandom.alea('lazy');
    const batch = Array.from({ length: 1000 }, () => search.sample(rng));
    assert.equal(decodes, 0, 'drawing a batch decodes nothing');

    const replay = seedrandom.alea('lazy');
    const first = batch[0].point;
    assert.equal(batch[0].point, first);
    assert.equal(decodes, 1);
    assert.deepEqual(first, space.pointAt(uniformIndex(replay, space.size)));
  });

  test('genes and fromGenes round-trip a candidate', () => {
    const search = scheduleSearchSpace(space, () => []);
    const candidate = search.sample(seedrandom.alea('genes'));
    const rebuilt = search.fromGenes(search.genes(candidate));
    assert.deepEqual(rebuilt.point, candidate.point);
  });

  test('features are computed from the decoded point', () => {
    const search = scheduleSearchSpace(space, (point) => [point.tiles.K[0]]);
    const candidate = search.sample(seedrandom.alea('features'));
    assert.deepEqual(search.features(candidate), [candidate.point.tiles.K[0]]);
  });

  test('beyond 2^53 points each parameter is drawn on its own, as ProductSpace does', () => {
    const values = Array.from({ length: 2 ** 20 }, (_, i) => i);
    const huge = new ProductSpace<SoftwarePoint>(
      ['a', 'b', 'c'].map((name) => ({ name, values })),
      (genes) => ({ genes } as unknown as SoftwarePoint),
      () => [],
    );
    assert.ok(!Number.isSafeInteger(huge.size));
    const search = scheduleSearchSpace(huge, () => []);
    const ours = search.sample(seedrandom.alea('huge')).point;
    assert.deepEqual(ours, huge.sample(seedrandom.alea('huge')));
  });
});
