/**
 * What one trial of a search leaves behind. The search driver produces these; the results
 * folder stores them (run.json), and renders them as out.txt, trials.csv and layers.csv.
 * Every field is plain JSON so that a record survives a round trip through run.json.
 */

/** A hardware point as Spotlight names it, e.g. `num_simd_lane`, `subclusters` (inner first). */
export type HardwarePoint = Readonly<Record<string, number | string | readonly number[]>>;

/** A software point (schedule) of one layer: tile factors per dim, spatial dims, dataflow. */
export type SchedulePoint = Readonly<Record<string, unknown>>;

/**
 * Costs of one layer, or of a model on one accelerator: energy, delay and throughput summed
 * over the layers, area and power the largest of any layer (the accelerator's own).
 */
export interface CostTotals {
  /** Multiples of one MAC's energy. */
  readonly energy: number;
  /** Cycles. */
  readonly delay: number;
  /** Energy x delay (for a model, of the summed energy and delay). */
  readonly edp: number;
  /** MACs per cycle. */
  readonly throughput: number;
  /** um^2. */
  readonly area: number;
  /** mW. */
  readonly power: number;
}

/** The best schedule the search found for one layer on the trial's best hardware. */
export interface LayerRecord extends CostTotals {
  /** Position of the layer in the model's table, from 0. */
  readonly index: number;
  /** Layer name from the model table, e.g. `VGG16_Conv2d-1`. */
  readonly name: string;
  /** False when no valid schedule was found; the costs are then 0. */
  readonly valid: boolean;
  /** The value the layer search minimised (EDP or delay). */
  readonly targetValue: number;
  readonly schedule: SchedulePoint | null;
  /** The MAESTRO directive list of the schedule, e.g. `SK|1,TC|16,...`, when known. */
  readonly dataflow?: string;
}

export interface TrialRecord {
  /** Trial index from 0. */
  readonly trial: number;
  /** The seed this trial ran with, so it can be replayed alone. */
  readonly seed: number;
  /** False when no valid hardware point was found. */
  readonly valid: boolean;
  /**
   * The minimised value of the best hardware point: for EDP, (sum of layer energies) x (sum
   * of layer delays); for delay, the sum of layer delays. This is field 3 of out.txt. Null
   * when the trial is invalid.
   */
  readonly targetValue: number | null;
  /** Totals of the best hardware point over all layers; null when the trial is invalid. */
  readonly totals: CostTotals | null;
  readonly hardware: HardwarePoint | null;
  readonly layers: readonly LayerRecord[];
  /** Cost-model evaluations the trial made, valid or not. */
  readonly evaluations: number;
  readonly wallSeconds: number;
  /** Counts of invalid evaluations by reason, as the reference's failure statistics. */
  readonly invalidReasons?: Readonly<Record<string, number>>;
  /** Why the search of this trial stopped (budget reached, too many invalid points, ...). */
  readonly stopReason?: string;
  /**
   * The first point the cost model refused as input (not as an invalid mapping): the layer,
   * the model's message and whether the layer, the accelerator or the schedule was at fault.
   */
  readonly inputProblem?: string;
}
