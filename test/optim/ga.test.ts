import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import seedrandom from 'seedrandom';

import { geometric } from '../../src/optim/draws.js';
import {
  breed,
  type Chromosome,
  GA_RATES,
  GeneticOptimizer,
  type GeneticSpace,
  nextGeneration,
  rankPopulation,
  type Rng,
  type Scored,
} from '../../src/optim/index.js';
import { runSequentially, sampleStream, toyOutcome, type ToyPoint, toySpace } from './toy-space.js';


/** A generator that replays `draws` and fails the test if asked for more. */
function scripted(draws: number[]): Rng & { remaining(): number } {
  let next = 0;
  const rng = (): number => {
    assert.ok(next < draws.length, 'the operator drew more numbers than scripted');
    return draws[next++];
  };
  return Object.assign(rng, { remaining: () => draws.length - next });
}

const FATHER: Chromosome = [1, 2, 3];
const FITTEST: Chromosome = [10, 20, 30];
const MIDDLE: Chromosome = [100, 200, 300];
const SCORED: Scored<Chromosome>[] = [
  { point: FATHER, value: 5 },
  { point: FITTEST, value: 1 },
  { point: MIDDLE, value: 3 },
];

describe('GA operators', () => {
  it('ranks a population by value, keeping report order for ties', () => {
    const population = rankPopulation([...SCORED, { point: [0, 0, 0], value: 3 }]);
    assert.deepEqual(population.members.slice(0, 3), [FATHER, FITTEST, MIDDLE]);
    assert.deepEqual(population.ranked.map((p) => p[0]), [10, 100, 0, 1]);
  });

  it('crosses with the mother of the drawn rank, then mutates from a random member', () => {
    const rng = scripted([
      0.5, // < 0.8: cross over
      0.3, // geometric draw 2, so fitness rank 1: MIDDLE is the mother
      0.1, // gene a from the mother
      0.9, // gene b stays the father's
      0.2, // gene c from the mother
      0.9, // gene a not mutated
      0.01, // gene b mutated ...
      0.5, // ... from member floor(0.5 * 3) = 1, FITTEST
      0.9, // gene c not mutated
    ]);
    const child = breed(FATHER, rankPopulation(SCORED), rng);
    assert.deepEqual(child, [100, 20, 300]);
    assert.equal(rng.remaining(), 0);
  });

  it('redraws a mother rank beyond the population', () => {
    const rng = scripted([
      0.5, // cross over
      0.9, // geometric draw 11: rank 10 does not exist, draw again
      0, // geometric draw 1: rank 0, FITTEST
      0.1, // every gene from the mother
      0.1,
      0.1,
      0.9, // no mutation
      0.9,
      0.9,
    ]);
    assert.deepEqual(breed(FATHER, rankPopulation(SCORED), rng), FITTEST);
    assert.equal(rng.remaining(), 0);
  });

  it('copies the father when there is neither crossover nor mutation', () => {
    const rng = scripted([0.8, 0.05, 0.05, 0.05]);
    const child = breed(FATHER, rankPopulation(SCORED), rng);
    assert.deepEqual(child, FATHER);
    assert.notEqual(child, FATHER);
  });

  it('draws geometric numbers from 1 with mean 1 / p', () => {
    assert.equal(geometric(() => 0, 0.2), 1);
    assert.equal(geometric(() => 0.5, 0.2), 4);
    const rng = seedrandom('geometric');
    const draws = Array.from({ length: 20000 }, () => geometric(rng, GA_RATES.parentSelection));
    const mean = draws.reduce((sum, d) => sum + d, 0) / draws.length;
    assert.ok(Math.min(...draws) >= 1);
    assert.ok(Math.abs(mean - 5) < 0.15, `mean ${mean}`);
  });

  // Points that are their own genes; a bred generation must never fall back to sampling.
  const identitySpace: GeneticSpace<Chromosome> = {
    sample: () => assert.fail('a bred generation draws no random point'),
    genes: (point) => point,
    fromGenes: (genes) => genes,
  };
  const still = { crossover: 0, mutation: 0, parentSelection: 0.2 };

  it('fathers a whole generation from one shuffled member, as the reference does', () => {
    const rng = seedrandom('one');
    const children = nextGeneration(identitySpace, SCORED, 7, rng, 'one-per-generation', still);
    assert.equal(new Set(children.map((c) => c[0])).size, 1);
  });

  it('can father offspring from every member in turn instead', () => {
    const rng = seedrandom('turn');
    const children = nextGeneration(identitySpace, SCORED, 6, rng, 'each-in-turn', still);
    const fathers = children.map((c) => c[0] as number);
    assert.deepEqual([...fathers.slice(0, 3)].sort((x, y) => x - y), [1, 10, 100]);
    assert.deepEqual([...fathers.slice(3)].sort((x, y) => x - y), [1, 10, 100]);
  });

  it('draws a random generation when no member was valid', () => {
    const children = nextGeneration(toySpace, [], 5, seedrandom('empty'));
    assert.deepEqual(children, sampleStream(toySpace, seedrandom('empty'), 5));
  });
});

describe('GeneticOptimizer', () => {
  const settings = { batchSize: 20 };

  it('reproduces its proposals from the same seed', () => {
    const run = (seed: string): string[] => {
      const optimizer = new GeneticOptimizer(toySpace, seedrandom(seed), settings);
      return runSequentially(optimizer, toyOutcome, 80).map((p) => p.label);
    };
    const first = run('ga-seed');
    assert.deepEqual(run('ga-seed'), first);
    assert.notDeepEqual(run('ga-another-seed'), first);
  });

  it('starts from random points and breeds only from valid members of the last generation', () => {
    const optimizer = new GeneticOptimizer(toySpace, seedrandom('ga-parents'), settings);
    const first = optimizer.propose(20);
    assert.deepEqual(first, sampleStream(toySpace, seedrandom('ga-parents'), 20));
    const outcomes = first.map(toyOutcome);
    optimizer.report(first, outcomes);
    const valid = first.filter((_, i) => outcomes[i] !== null);
    assert.ok(valid.length < first.length, 'the seed should give some invalid points');

    const second = optimizer.propose(20);
    assert.equal(optimizer.generations, 2);
    for (const child of second) {
      assert.ok(valid.some((p) => p.a === child.a), `gene a ${child.a} from no valid parent`);
      assert.ok(valid.some((p) => p.b === child.b), `gene b ${child.b} from no valid parent`);
      assert.equal(child.label, `${child.a}/${child.b}`, 'offspring are rebuilt from genes');
    }
  });

  it('follows a generation without valid members with a random one', () => {
    const optimizer = new GeneticOptimizer<ToyPoint>(toySpace, seedrandom('ga-void'), settings);
    const first = optimizer.propose(20);
    optimizer.report(first, first.map(() => null));
    const rng = seedrandom('ga-void');
    sampleStream(toySpace, rng, 20);
    assert.deepEqual(optimizer.propose(20), sampleStream(toySpace, rng, 20));
  });
});
