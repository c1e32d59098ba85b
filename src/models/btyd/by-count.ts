/**
 * A function of a repeat-purchase count, remembered per count. Summaries hold few distinct
 * counts (a few hundred at most) against up to millions of rows, so a likelihood computes
 * its gamma and digamma terms once per count instead of once per row.
 */
export function byCount(f: (x: number) => number): (x: number) => number {
  const known = new Map<number, number>()
  return (x) => {
    let v = known.get(x)
    if (v === undefined) {
      v = f(x)
      known.set(x, v)
    }
    return v
  }
}
