/**
 * Objectives and the best-so-far rule, on hand-worked numbers. The tie rule follows the
 * reference's reductions: on an equal objective the incumbent stays only if its area is
 * strictly smaller.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  improves,
  layerObjective,
  modelObjective,
  sumModelCost,
  type LayerCost,
} from '../../src/search/index.js';

const cost = (delay: number, energy: number, area: number, power = 1): LayerCost =>
  ({ delay, energy, area, power, throughput: 1 });

describe('layer and model objectives', () => {
  test('a layer is scored by its energy x delay, or by its delay alone', () => {
    // 3 x 10 = 30
    assert.equal(layerObjective('edp', cost(10, 3, 5)), 30);
    assert.equal(layerObjective('delay', cost(10, 3, 5)), 10);
  });

  test('a model adds energies and delays and keeps the largest area and power', () => {
    const total = sumModelCost([cost(10, 3, 5, 2), cost(4, 7, 9, 1)]);

    // energy 3 + 7, delay 10 + 4, area max(5, 9), power max(2, 1)
    assert.deepEqual(total, { energy: 10, delay: 14, area: 9, power: 2 });
  });

  test('model EDP is the product of the sums, not the sum of the layer EDPs', () => {
    const total = sumModelCost([cost(10, 3, 5), cost(4, 7, 9)]);

    // (3 + 7) x (10 + 4) = 140, where 3 x 10 + 7 x 4 would be 58
    assert.equal(modelObjective('edp', total), 140);
    assert.equal(modelObjective('delay', total), 14);
  });

  test('an empty model costs nothing', () => {
    assert.deepEqual(sumModelCost([]), { energy: 0, delay: 0, area: 0, power: 0 });
  });
});

describe('improves: the best-so-far rule', () => {
  test('the first valid result always becomes the best', () => {
    assert.equal(improves('edp', undefined, cost(1e9, 1e9, 1e9)), true);
  });

  test('a lower EDP wins and a higher one loses, whatever the areas', () => {
    // 2 x 3 = 6 against 2 x 4 = 8
    assert.equal(improves('edp', cost(2, 4, 1), cost(2, 3, 100)), true);
    assert.equal(improves('edp', cost(2, 3, 100), cost(2, 4, 1)), false);
  });

  test('on an equal EDP the incumbent stays only with a strictly smaller area', () => {
    // 2 x 3 = 3 x 2 = 6: a tie on the objective although delay and energy differ
    assert.equal(improves('edp', cost(2, 3, 5), cost(3, 2, 6)), false);
    assert.equal(improves('edp', cost(2, 3, 5), cost(3, 2, 5)), true);
    assert.equal(improves('edp', cost(2, 3, 5), cost(3, 2, 4)), true);
  });

  test('the delay target compares delays only, then areas', () => {
    // equal delays: energy does not matter, area decides
    assert.equal(improves('delay', cost(5, 1, 5), cost(5, 100, 6)), false);
    assert.equal(improves('delay', cost(5, 100, 5), cost(5, 1, 5)), true);
    assert.equal(improves('delay', cost(5, 100, 5), cost(4, 1000, 50)), true);
  });

  test('model totals follow the same rule', () => {
    const incumbent = sumModelCost([cost(1, 6, 7)]);
    const candidate = sumModelCost([cost(2, 3, 7)]);
    assert.equal(improves('edp', incumbent, candidate), true);
    assert.equal(improves('edp', sumModelCost([cost(1, 6, 6)]), candidate), false);
  });
});
