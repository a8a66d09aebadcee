import { randomIndex } from '../optim/draws.js';
import type { Rng } from '../optim/types.js';

/** One searched parameter (a gene) and the values it may take, in the reference's order. */
export interface SpaceParameter {
  readonly name: string;
  readonly values: readonly unknown[];
}

/** A design space that cannot be built; `field` says which of its inputs is at fault. */
export class SpaceError extends Error {
  readonly code = 'SPACE_EMPTY';

  /**
   * The input at fault: a `HardwareSpaceSpec` key (`pes`, `bandwidth`) for a hardware range,
   * else the name of the space parameter that has no value.
   */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'SpaceError';
    this.field = field;
  }
}

/**
 * A design space that is the Cartesian product of its parameters. A point is read from a flat
 * index in mixed radix, the first parameter most significant, as the reference numbers its
 * points; `genes` and `fromGenes` expose the per-parameter values for crossover.
 */
export class ProductSpace<P> {
  /** Number of points; above 2^53 it is approximate, but sampling stays exact. */
  readonly size: number;

  constructor(
    readonly parameters: readonly SpaceParameter[],
    private readonly decode: (genes: readonly unknown[]) => P,
    private readonly encode: (point: P) => unknown[],
  ) {
    const empty = parameters.filter((parameter) => parameter.values.length === 0);
    if (empty.length > 0) {
      const names = empty.map((parameter) => parameter.name).join(', ');
      throw new SpaceError(empty[0].name, `the design space is empty: no value for ${names}`);
    }
    this.size = parameters.reduce((size, parameter) => size * parameter.values.length, 1);
  }

  /** The point with flat index `index` in [0, size). */
  pointAt(index: number): P {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`space index ${index} is outside [0, ${this.size})`);
    }
    const coordinates = new Array<number>(this.parameters.length);
    let rest = index;
    for (let i = this.parameters.length - 1; i >= 0; i--) {
      const radix = this.parameters[i].values.length;
      coordinates[i] = rest % radix;
      rest = Math.floor(rest / radix);
    }
    return this.pointAtCoordinates(coordinates);
  }

  /** The point taking value `coordinates[i]` (an index) of parameter i. */
  pointAtCoordinates(coordinates: readonly number[]): P {
    return this.decode(this.parameters.map((parameter, i) => parameter.values[coordinates[i]]));
  }

  /**
   * A uniformly random point. Drawing each parameter on its own gives the same distribution
   * as the reference's uniform flat index, and stays exact where the space outgrows the
   * generator's 32 or 53 bits (software spaces of large layers reach 10^10 points).
   */
  sample(rng: Rng): P {
    return this.pointAtCoordinates(this.parameters.map((p) => randomIndex(rng, p.values.length)));
  }

  /** The point's value of each parameter, in parameter order. */
  genes(point: P): unknown[] {
    return this.encode(point);
  }

  /** The point with the given parameter values (e.g. mixed from two parents). */
  fromGenes(genes: readonly unknown[]): P {
    if (genes.length !== this.parameters.length) {
      throw new RangeError(`expected ${this.parameters.length} genes, got ${genes.length}`);
    }
    return this.decode(genes);
  }
}
