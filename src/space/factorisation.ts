/**
 * The two ways the reference splits a number into per-level factors. Both keep the
 * reference's enumeration order, because a flat space index decodes through these lists.
 */

/** Divisors of `value` from largest to smallest. */
function divisorsDescending(value: number): number[] {
  const divisors: number[] = [];
  for (let candidate = value; candidate >= 1; candidate--) {
    if (value % candidate === 0) divisors.push(candidate);
  }
  return divisors;
}

/**
 * Every ordered way to write `value` as a product of `parts` positive factors (tile factors,
 * innermost level first). The first factor runs from largest to smallest, then the next, so
 * [value, 1, 1] comes first and [1, 1, value] last.
 */
export function orderedFactorisations(value: number, parts: number): number[][] {
  if (parts === 1) return [[value]];
  return divisorsDescending(value).flatMap((first) =>
    orderedFactorisations(value / first, parts - 1).map((rest) => [first, ...rest]),
  );
}

/**
 * Every way to split `numPes` PEs into `levels` nested sub-cluster sizes, innermost first.
 * Each level but the outermost holds at least 2 sub-clusters, in increasing order, and the
 * outermost takes what is left (possibly 1): 12 PEs on two levels give [2,6], [3,4], [4,3],
 * [6,2], [12,1].
 */
export function subClusterSplits(numPes: number, levels: number): number[][] {
  if (levels === 1) return [[numPes]];
  const splits: number[][] = [];
  for (let inner = 2; inner <= numPes; inner++) {
    if (numPes % inner !== 0) continue;
    for (const rest of subClusterSplits(numPes / inner, levels - 1)) splits.push([inner, ...rest]);
  }
  return splits;
}
