/**
 * Per-column standardisation as the reference applies it before its regressor (sklearn's
 * StandardScaler): subtract the column mean and divide by the population standard deviation.
 */

type Rows = readonly (readonly number[])[];

const EPSILON = Number.EPSILON;

export class StandardScaler {
  private constructor(
    /** Column means of the fitted rows. */
    readonly mean: readonly number[],
    /** Column population standard deviations, 1 for a column that is (numerically) constant. */
    readonly scale: readonly number[],
  ) {}

  static fit(rows: Rows): StandardScaler {
    if (rows.length === 0) throw new RangeError('optim: cannot standardise zero rows');
    const sampleCount = rows.length;
    const width = rows[0].length;
    const mean: number[] = [];
    const scale: number[] = [];

    for (let column = 0; column < width; column++) {
      // Mean, then the variance about it with a first-order correction for the rounding of
      // the mean (the same two-pass form sklearn uses, so near-constant columns agree).
      let sum = 0;
      for (const row of rows) sum += row[column];
      const columnMean = sum / sampleCount;
      let correction = 0;
      let squares = 0;
      for (const row of rows) {
        const deviation = row[column] - columnMean;
        correction += deviation;
        squares += deviation * deviation;
      }
      const variance = (squares - (correction * correction) / sampleCount) / sampleCount;

      // A column whose variance is within rounding of zero is left unscaled (only centred);
      // dividing by a rounding residue would blow it up.
      const roundingBound =
        sampleCount * EPSILON * variance + (sampleCount * columnMean * EPSILON) ** 2;
      const deviation = Math.sqrt(variance);
      const constant = variance <= roundingBound || deviation < 10 * EPSILON;
      mean.push(columnMean);
      scale.push(constant ? 1 : deviation);
    }
    return new StandardScaler(mean, scale);
  }

  /** Fits a single column of values (the objective), as sklearn does for a one-column target. */
  static fitValues(values: readonly number[]): StandardScaler {
    return StandardScaler.fit(values.map((value) => [value]));
  }

  transform(rows: Rows): number[][] {
    return rows.map((row) => {
      if (row.length !== this.mean.length) {
        throw new RangeError(
          `optim: row has ${row.length} features, the scaler was fitted on ${this.mean.length}`,
        );
      }
      return row.map((value, column) => (value - this.mean[column]) / this.scale[column]);
    });
  }

  /** Standardises single-column values fitted with `fitValues`. */
  transformValues(values: readonly number[]): number[] {
    return values.map((value) => (value - this.mean[0]) / this.scale[0]);
  }
}
