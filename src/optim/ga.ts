/**
 * The genetic algorithm Spotlight compares against.
 *
 * A generation is `batchSize` points; the first is drawn at random. Each later generation is
 * bred from the valid members of the one before: an offspring starts as a copy of a father,
 * with some chance takes every gene from a fit mother or its own father by a fair coin
 * (uniform crossover), and then swaps each gene with some small chance for that gene of a
 * random member (mutation). Mothers are picked by fitness rank from a geometric distribution,
 * so the best point is the likeliest mother. A generation with no valid member is followed by
 * a random one.
 */
import { chance, geometric, randomIndex, shuffleInPlace } from './draws.js';
import {
  checkReport,
  isValidOutcome,
  type Optimizer,
  type Outcome,
  type Rng,
  type Sampler,
} from './types.js';

/**
 * A space whose points can be taken apart into genes (one per searched parameter, in the
 * reference's parameter order: e.g. the tile factors of one dimension, or the spatial dim of
 * one level) and put back together from them. The spaces' `ProductSpace` provides this.
 */
export interface GeneticSpace<P> extends Sampler<P> {
  genes(point: P): readonly unknown[];
  fromGenes(genes: readonly unknown[]): P;
}

/** A point's genes; offspring share gene values with their parents, so treat them as frozen. */
export type Chromosome = readonly unknown[];

export interface GeneticRates {
  /** Chance that an offspring is crossed with a mother at all. */
  readonly crossover: number;
  /** Chance, per gene, of taking that gene from a random member instead. */
  readonly mutation: number;
  /** Success probability of the geometric draw of the mother's fitness rank (0 = fittest). */
  readonly parentSelection: number;
}

/** The reference's rates. */
export const GA_RATES: GeneticRates = { crossover: 0.8, mutation: 0.05, parentSelection: 0.2 };

/**
 * Which members father the offspring of one generation. The reference shuffles the members
 * but, as written, fathers every offspring of a generation from the first of that shuffle;
 * `each-in-turn` walks through the shuffle instead (reshuffling when it runs out).
 */
export type FatherChoice = 'one-per-generation' | 'each-in-turn';

export interface GeneticSettings {
  /** Points per generation (the reference's `--hw/sw-batch-size`; its AE runs use 20). */
  readonly batchSize: number;
  /** Defaults to `one-per-generation`, the reference's behaviour. */
  readonly fatherChoice?: FatherChoice;
  readonly rates?: GeneticRates;
}

export interface Scored<P> {
  readonly point: P;
  readonly value: number;
}

/** Members of a generation with their fitness order; ranked[0] has the lowest value. */
export interface Population<P> {
  readonly members: readonly P[];
  readonly ranked: readonly P[];
}

export function rankPopulation<P>(scored: readonly Scored<P>[]): Population<P> {
  const order = scored.map((_, i) => i);

  // Stable: equal values keep report order (the reference's argsort does not promise that).
  order.sort((a, b) => scored[a].value - scored[b].value || a - b);
  return { members: scored.map((s) => s.point), ranked: order.map((i) => scored[i].point) };
}

/** One offspring of `father`, with genes from the population as the reference breeds them. */
export function breed(
  father: Chromosome,
  population: Population<Chromosome>,
  rng: Rng,
  rates: GeneticRates = GA_RATES,
): unknown[] {
  const offspring = [...father];
  const size = population.members.length;

  // Crossover: a mother of geometric fitness rank, redrawn until the rank exists.
  if (chance(rng, rates.crossover)) {
    let rank = size;
    while (rank >= size) rank = geometric(rng, rates.parentSelection) - 1;
    const mother = population.ranked[rank];
    for (let gene = 0; gene < offspring.length; gene++) {
      if (chance(rng, 0.5)) offspring[gene] = mother[gene];
    }
  }

  // Mutation: each gene may come from a uniformly random member instead.
  for (let gene = 0; gene < offspring.length; gene++) {
    if (chance(rng, rates.mutation)) {
      offspring[gene] = population.members[randomIndex(rng, size)][gene];
    }
  }
  return offspring;
}

/** The generation after one whose valid members are `scored`, or a random one if none. */
export function nextGeneration<P>(
  space: GeneticSpace<P>,
  scored: readonly Scored<P>[],
  size: number,
  rng: Rng,
  fatherChoice: FatherChoice = 'one-per-generation',
  rates: GeneticRates = GA_RATES,
): P[] {
  if (scored.length === 0) return Array.from({ length: size }, () => space.sample(rng));
  const ranking = rankPopulation(scored);
  const population: Population<Chromosome> = {
    members: ranking.members.map((point) => space.genes(point)),
    ranked: ranking.ranked.map((point) => space.genes(point)),
  };
  const offspring: P[] = [];
  let fathers: number[] = [];
  let next = 0;
  while (offspring.length < size) {
    if (next >= fathers.length) {
      fathers = shuffleInPlace(rng, population.members.map((_, i) => i));
      next = 0;
    }
    const father = population.members[fathers[next]];
    if (fatherChoice === 'each-in-turn') next++;
    offspring.push(space.fromGenes(breed(father, population, rng, rates)));
  }
  return offspring;
}

/**
 * Proposes generations of `batchSize` points in order and breeds the next from the valid
 * outcomes reported meanwhile. Unlike the reference's hardware GA, which never marks a point
 * invalid (its parents then include invalid points, paired with shifted values), invalid
 * points are left out of the parents in every search.
 */
export class GeneticOptimizer<P> implements Optimizer<P> {
  private readonly batchSize: number;
  private readonly fatherChoice: FatherChoice;
  private readonly rates: GeneticRates;
  private generation: P[] = [];
  private cursor = 0;
  private generationCount = 0;

  /** Valid outcomes reported since the current generation was bred: the next parents. */
  private parents: Scored<P>[] = [];

  constructor(
    private readonly space: GeneticSpace<P>,
    private readonly rng: Rng,
    settings: GeneticSettings,
  ) {
    if (!Number.isInteger(settings.batchSize) || settings.batchSize < 1) {
      throw new RangeError(
        `optim: GA batchSize must be a positive integer, got ${settings.batchSize}`,
      );
    }
    this.batchSize = settings.batchSize;
    this.fatherChoice = settings.fatherChoice ?? 'one-per-generation';
    this.rates = settings.rates ?? GA_RATES;
  }

  /** Generations bred so far, the random first one included. */
  get generations(): number {
    return this.generationCount;
  }

  propose(count: number): P[] {
    const points: P[] = [];
    for (let i = 0; i < count; i++) {
      // LIMITATION: outcomes still outstanding when a generation is used up are not among its
      // parents; they join the parents of the generation after (the reference never overlaps).
      if (this.cursor >= this.generation.length) this.breedGeneration();
      points.push(this.generation[this.cursor++]);
    }
    return points;
  }

  report(points: readonly P[], outcomes: readonly Outcome[]): void {
    checkReport(points, outcomes);
    points.forEach((point, i) => {
      const outcome = outcomes[i];
      if (isValidOutcome(outcome)) this.parents.push({ point, value: outcome });
    });
  }

  private breedGeneration(): void {
    const parents = this.generationCount === 0 ? [] : this.parents;
    this.generation = nextGeneration(
      this.space,
      parents,
      this.batchSize,
      this.rng,
      this.fatherChoice,
      this.rates,
    );
    this.parents = [];
    this.cursor = 0;
    this.generationCount++;
  }
}
