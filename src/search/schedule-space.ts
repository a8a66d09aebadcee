import type { LayerDim } from '../../maestro-cost/src/types.js';
import { randomIndex, type Rng } from '../optim/index.js';
import type { ProductSpace } from '../space/product-space.js';
import { buildSoftwareSpace, type DataflowMode, type SoftwarePoint } from '../space/software.js';
import type { SearchSpace } from './optimizers.js';

/**
 * Software spaces depend only on a layer's sizes, the dataflow mode and the level count, yet a
 * layer is searched again on every accelerator; building the factorisation lists once per
 * thread saves that work. A model has a few dozen distinct layer shapes, so the cache stays
 * small.
 *
 * LIMITATION: the cache is never trimmed; a model file with thousands of distinct layer shapes
 * keeps every shape's factorisation lists for the life of the worker.
 */
const spaces = new Map<string, ProductSpace<SoftwarePoint>>();

export function cachedSoftwareSpace(
  dims: Readonly<Record<LayerDim, number>>,
  mode: DataflowMode,
  levels: number,
): ProductSpace<SoftwarePoint> {
  const sizes = [dims.N, dims.K, dims.C, dims.X, dims.Y, dims.R, dims.S];
  const key = `${mode}/${levels}/${sizes.join(',')}`;
  let space = spaces.get(key);
  if (!space) {
    space = buildSoftwareSpace(dims, mode, levels);
    spaces.set(key, space);
  }
  return space;
}

/**
 * A schedule as the optimisers handle it: drawn as its flat index in the space and decoded
 * into a `SoftwarePoint` only when first needed. A BO batch draws 1000 schedules but, while
 * warming up, tries only the first few, so decoding lazily saves most of the batch's work and
 * garbage.
 */
export class ScheduleCandidate {
  #point: SoftwarePoint | undefined;

  private constructor(
    private readonly space: ProductSpace<SoftwarePoint>,
    /** Flat index, or the per-parameter coordinates where an index would not be exact. */
    private readonly at: number | readonly number[] | undefined,
    point?: SoftwarePoint,
  ) {
    this.#point = point;
  }

  static drawn(
    space: ProductSpace<SoftwarePoint>,
    at: number | readonly number[],
  ): ScheduleCandidate {
    return new ScheduleCandidate(space, at);
  }

  static of(space: ProductSpace<SoftwarePoint>, point: SoftwarePoint): ScheduleCandidate {
    return new ScheduleCandidate(space, undefined, point);
  }

  get point(): SoftwarePoint {
    if (this.#point === undefined) {
      const at = this.at!;
      this.#point = typeof at === 'number'
        ? this.space.pointAt(at)
        : this.space.pointAtCoordinates(at);
    }
    return this.#point;
  }
}

/** 2^-53: weight of the second draw's top 21 bits in a 53-bit uniform number. */
const LOW_BITS_WEIGHT = 2 ** -53;

/**
 * A uniform flat index in [0, size) from two draws, as the reference draws
 * `randint(space.size)`: the second draw supplies the 21 bits a 32-bit generator lacks, so
 * spaces of up to 2^53 points are covered evenly.
 */
export function uniformIndex(rng: Rng, size: number): number {
  const unit = rng() + Math.floor(rng() * 0x200000) * LOW_BITS_WEIGHT;
  return Math.min(size - 1, Math.floor(unit * size));
}

/**
 * The optimisers' view of one layer's schedules: uniform draws (lazily decoded), genes for
 * the GA, and the surrogate's features of each schedule.
 */
export function scheduleSearchSpace(
  space: ProductSpace<SoftwarePoint>,
  features: (point: SoftwarePoint) => readonly number[],
): SearchSpace<ScheduleCandidate> {
  const { size } = space;
  const radices = space.parameters.map((parameter) => parameter.values.length);

  // Beyond 2^53 points a flat index is not exact; draw each parameter's value instead.
  const sample = Number.isSafeInteger(size)
    ? (rng: Rng) => ScheduleCandidate.drawn(space, uniformIndex(rng, size))
    : (rng: Rng) => ScheduleCandidate.drawn(space, radices.map((radix) => randomIndex(rng, radix)));

  return {
    sample,
    genes: (candidate) => space.genes(candidate.point),
    fromGenes: (genes) => ScheduleCandidate.of(space, space.fromGenes(genes)),
    features: (candidate) => features(candidate.point),
  };
}
