/**
 * The level of group `h` most frequent among the rows `voters`, from `codes` (row i's level of
 * group h at i·G + h, −1 for none); `tie` picks among the levels tied for most (ascending).
 * −1 when no voter holds a level.
 *
 * @example
 * mostFrequent(codes, 1, 0, 3, [4, 7, 9], (tied) => tied[0]!); // the level two of the three rows hold
 */
export function mostFrequent(
  codes: Int32Array, G: number, h: number, levels: number, voters: readonly number[], tie: (tied: readonly number[]) => number,
): number {
  const counts = new Int32Array(levels);
  for (const v of voters) {
    const level = codes[v * G + h]!;
    if (level >= 0) counts[level]!++;
  }
  let most = 0;
  for (const n of counts) most = Math.max(most, n);
  if (most === 0) return -1;
  const tied: number[] = [];
  counts.forEach((n, level) => {
    if (n === most) tied.push(level);
  });
  return tied.length === 1 ? tied[0]! : tie(tied);
}
