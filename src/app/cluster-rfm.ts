/**
 * RFM in the cluster, equal to `rfmFeatures` (tiering/features.ts) on the DuckDB path: over
 * the customers who have bought, each of R, F, M is scored 1–k by anchored mid-rank
 * (`quantileScores`) from one row per distinct value with its ties and the count below it;
 * the eight classes split at the mean (or median) added in customer-id order as Node adds
 * them; the others score 1 and are `general_retain` / `lost`. Only the cut points, split
 * points and counts come to Node, for the diagnostics and warnings.
 */
import { sumByKey, valueRanks, valuesByKey } from '../engine/index.js'
import { RFM_CN8_CLASSES, RFM_SEGMENT_GRID } from '../models/index.js'
import type { ModelDiagnostics, Policy } from '../tiering/index.js'
import type { ClusterRun } from './cluster-run.js'

type RfmConfig = NonNullable<Policy['models']['rfm']>
const PARTS = [
  ['recency', 'recency_days', 'r_score', 'lower'],
  ['frequency', 'frequency', 'f_score', 'higher'],
  ['monetary', 'monetary', 'm_score', 'higher'],
] as const

const list = (run: ClusterRun, values: readonly string[]) =>
  `[${values.map((v) => run.engine.dialect.quoteString(v)).join(', ')}]`

/** Scores one indicator 1–k into a working table (value, score, ties); returns it and its cuts. */
async function scoreTable(
  run: ClusterRun,
  buyers: string,
  [name, column, score, direction]: (typeof PARTS)[number],
  k: number,
  warnings: string[],
): Promise<{ table: string; cuts: number[] }> {
  const e = run.engine
  const ranks = await run.create(`rank_${score}`, 'tuple()', valueRanks(buyers, column))
  const m = direction === 'lower' ? '2 * n - (2 * below + ties)' : '2 * below + ties'
  const [b] = (await e.all(`SELECT min(${m}) AS lo, max(${m}) AS hi FROM ${ranks}`)) as [
    { lo: number; hi: number },
  ]
  const s =
    b.hi === b.lo
      ? String(Math.ceil(k / 2))
      : `least(${k}, 1 + intDiv(${k} * ((${m}) - ${b.lo}), ${b.hi - b.lo}))`
  const table = await run.create(
    `score_${score}`,
    'tuple()',
    `SELECT v AS ${column}, toFloat64(${s}) AS ${score}, ties FROM ${ranks}`,
  )
  const bins = await e.all<{ s: number; lo: number; c: number }>(
    `SELECT ${score} AS s, min(${column}) AS lo, sum(ties) AS c FROM ${table} GROUP BY s`,
  )
  const minOfBin = new Array<number>(k).fill(Infinity)
  const counts = new Array<number>(k).fill(0)
  for (const row of bins) {
    minOfBin[direction === 'higher' ? row.s - 1 : k - row.s] = row.lo
    counts[row.s - 1] = row.c
  }
  const cuts = new Array<number>(k - 1)
  let suffix = Infinity
  for (let j = k - 2; j >= 0; j--) cuts[j] = suffix = Math.min(suffix, minOfBin[j + 1]!)
  const empty = counts.flatMap((c, i) => (c === 0 ? [i + 1] : []))
  if (empty.length > 0) {
    const [top] = (await e.all(
      `SELECT v, ties, n FROM ${ranks} ORDER BY ties DESC, v LIMIT 1`,
    )) as [{ v: number; ties: number; n: number }]
    const share = Math.round((1000 * top.ties) / top.n) / 10
    warnings.push(
      `${name}: ${k} bins requested but only ${k - empty.length} used (score ${empty.join(', ')} empty): ${share}% of customers share the value ${top.v}`,
    )
  }
  return { table, cuts }
}

/** The split point of each indicator: the mean added in customer-id order, or the median. */
async function splitPoints(run: ClusterRun, buyers: string, center: 'mean' | 'median') {
  const of = (c: string) => {
    if (center === 'mean') return `${sumByKey(c, 'customer_id')} / count()`
    const s = `arraySort(${valuesByKey(c, 'customer_id')})`
    return `if(count() % 2 = 1, ${s}[intDiv(count(), 2) + 1], (${s}[intDiv(count(), 2)] + ${s}[intDiv(count(), 2) + 1]) / 2)`
  }
  const [t] = (await run.engine.all(
    `SELECT ${PARTS.map(([name, c]) => `${of(c)} AS ${name}`).join(', ')} FROM (${buyers})`,
  )) as [{ recency: number; frequency: number; monetary: number }]
  return t
}

export interface ClusterRfm {
  /** The working table of RFM columns per customer. */
  readonly table: string
  readonly diagnostics: ModelDiagnostics['rfm']
}

/** RFM scores, the eight classes and the segments of every customer of `base`. */
export async function clusterRfm(
  run: ClusterRun,
  base: string,
  cfg: RfmConfig,
  warnings: string[],
): Promise<ClusterRfm> {
  const e = run.engine
  // Filtered in a subquery: a WHERE beside `… AS recency_days` reads the alias, never NULL.
  const buyers = `SELECT customer_id, assumeNotNull(recency_days) AS recency_days, coalesce(frequency, 0) AS frequency,
    coalesce(monetary, 0) AS monetary
    FROM (SELECT customer_id, recency_days, frequency, monetary FROM ${base} WHERE recency_days IS NOT NULL)`
  const [{ n }] = (await e.all(`SELECT count() AS n FROM (${buyers})`)) as [{ n: number }]
  const classIds = list(
    run,
    RFM_CN8_CLASSES.map((c) => c.id),
  )
  const high = (key: 'r' | 'f' | 'm') =>
    `[${RFM_CN8_CLASSES.map((c) => (c[key] === 'high' ? 1 : 0)).join(', ')}]`
  if (n === 0) {
    const table = await run.create(
      'rfm',
      'customer_id',
      `SELECT customer_id, 1. AS r_score, 1. AS f_score, 1. AS m_score, 1. AS fm_score,
        'general_retain' AS rfm_class, 'lost' AS rfm_segment, 0. AS r_high, 0. AS f_high, 0. AS m_high FROM ${base}`,
    )
    return { table, diagnostics: undefined }
  }
  const scored: { table: string; cuts: number[] }[] = []
  for (const part of PARTS) scored.push(await scoreTable(run, buyers, part, cfg.bins, warnings))
  const t = await splitPoints(run, buyers, cfg.center)
  let joined = buyers
  PARTS.forEach(([, column], i) => {
    joined = `SELECT * FROM (${joined}) ALL INNER JOIN (SELECT ${column}, ${PARTS[i]![2]} FROM ${scored[i]!.table}) AS r USING (${column})`
  })
  const cls = `(if(monetary > ${t.monetary}, 0, 4) + if(recency_days < ${t.recency}, 0, 2) + if(frequency > ${t.frequency}, 0, 1) + 1)`
  const grid = list(run, RFM_SEGMENT_GRID.flat())
  const scores = `SELECT customer_id, r_score, f_score, m_score,
      toFloat64(intDiv(toUInt8(f_score) + toUInt8(m_score) + 1, 2)) AS fm_score, ${cls} AS c
    FROM (${joined})`
  const table = await run.create(
    'rfm',
    'customer_id',
    `SELECT customer_id, coalesce(r_score, 1.) AS r_score, coalesce(f_score, 1.) AS f_score,
      coalesce(m_score, 1.) AS m_score, coalesce(fm_score, 1.) AS fm_score,
      ${classIds}[coalesce(c, 8)] AS rfm_class,
      if(isNull(c), 'lost', ${grid}[toUInt8((r_score - 1) * 5 + fm_score)]) AS rfm_segment,
      toFloat64(${high('r')}[coalesce(c, 8)]) AS r_high, toFloat64(${high('f')}[coalesce(c, 8)]) AS f_high,
      toFloat64(${high('m')}[coalesce(c, 8)]) AS m_high
    FROM (SELECT customer_id FROM ${base}) ALL LEFT JOIN (${scores}) AS r USING (customer_id)`,
  )
  return {
    table,
    diagnostics: {
      cuts: { recency: scored[0]!.cuts, frequency: scored[1]!.cuts, monetary: scored[2]!.cuts },
      thresholds: t,
    },
  }
}
