import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import seedrandom from 'seedrandom';

import { RandomSearch } from '../../src/optim/index.js';
import { sampleStream, toyOutcome, toySpace } from './toy-space.js';

describe('RandomSearch', () => {
  it('proposes the points a seeded generator samples, whatever the outcomes', () => {
    const search = new RandomSearch(toySpace, seedrandom('random-search'));
    const first = search.propose(3);
    search.report(first, first.map(toyOutcome));
    const rest = search.propose(5);
    assert.deepEqual([...first, ...rest], sampleStream(toySpace, seedrandom('random-search'), 8));
  });

  it('gives different points for a different seed', () => {
    const one = new RandomSearch(toySpace, seedrandom('one')).propose(5);
    const two = new RandomSearch(toySpace, seedrandom('two')).propose(5);
    assert.notDeepEqual(one, two);
  });

  it('refuses a report whose points and outcomes do not pair up', () => {
    const search = new RandomSearch(toySpace, seedrandom('x'));
    assert.throws(() => search.report(search.propose(1), []), /1 points but 0 outcomes/);
  });
});
