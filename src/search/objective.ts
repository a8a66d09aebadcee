import type { Target } from './settings.js';

/** The five numbers the cost model gives for one schedule of one layer. */
export interface LayerCost {
  readonly delay: number;
  readonly energy: number;
  readonly area: number;
  readonly power: number;
  readonly throughput: number;
}

/** Totals over a model's layers: energy and delay add up, area and power take the maximum. */
export interface ModelCost {
  readonly energy: number;
  readonly delay: number;
  readonly area: number;
  readonly power: number;
}

/** The value a layer's schedule search minimises: its EDP, or its delay. */
export function layerObjective(target: Target, cost: LayerCost): number {
  return target === 'edp' ? cost.energy * cost.delay : cost.delay;
}

/** The value the hardware search minimises: (sum of energies) x (sum of delays), or delay. */
export function modelObjective(target: Target, cost: ModelCost): number {
  return target === 'edp' ? cost.energy * cost.delay : cost.delay;
}

export function sumModelCost(layers: readonly LayerCost[]): ModelCost {
  let energy = 0;
  let delay = 0;
  let area = 0;
  let power = 0;
  for (const layer of layers) {
    energy += layer.energy;
    delay += layer.delay;
    area = Math.max(area, layer.area);
    power = Math.max(power, layer.power);
  }
  return { energy, delay, area, power };
}

/**
 * Whether `candidate` replaces `incumbent` as the best so far. A lower objective wins; on a tie
 * the incumbent stays only if its area is strictly smaller, which is how the reference breaks
 * ties (for both targets).
 */
export function improves(
  target: Target,
  incumbent: (LayerCost | ModelCost) | undefined,
  candidate: LayerCost | ModelCost,
): boolean {
  if (!incumbent) return true;
  const a = target === 'edp' ? incumbent.energy * incumbent.delay : incumbent.delay;
  const b = target === 'edp' ? candidate.energy * candidate.delay : candidate.delay;
  if (a !== b) return b < a;
  return !(incumbent.area < candidate.area);
}
