/** Small hand-made stores for the tracking tests: orders, analysis tables and snapshots. */
import { openEngine, type Engine } from '../engine/index.js'
import { ensureStore } from '../ingest/index.js'
import { parsePolicyText, type Policy } from '../tiering/index.js'
import { createSnapshot, type SnapshotInfo } from './snapshot.js'

/** Three tiers, best first, and two KPIs (one on a column the analysis does not have). */
export const TEST_POLICY: Policy = parsePolicyText(
  `id: test
name: { zh: 测试, en: Test }
value: monetary
tiers:
  - { id: gold, name: { zh: 金, en: Gold }, when: monetary >= 1000 }
  - { id: silver, name: { zh: 银, en: Silver }, when: monetary >= 100 }
  - { id: bronze, name: { zh: 铜, en: Bronze } }
default: bronze
kpis:
  - { id: spend, name: { zh: 消费, en: Spend }, indicator: monetary, aggregate: sum }
  - { id: sat, name: { zh: 满意度, en: Satisfaction }, indicator: satisfaction_avg, aggregate: mean }
`,
  'test',
)

export async function emptyStore(): Promise<Engine> {
  const engine = await openEngine(':memory:')
  await ensureStore(engine)
  return engine
}

/** Completed orders `[customer, date, amount]`, one statement. */
export async function addOrders(
  engine: Engine,
  rows: readonly (readonly [string, string, number])[],
): Promise<void> {
  if (rows.length === 0) return
  const [r] = await engine.all(`SELECT count(*) AS n FROM transactions`)
  const base = Number(r?.n ?? 0)
  const values = rows.map(
    ([c, d, a], k) =>
      `('${c}', DATE '${d}', ${a}, 'completed', ${base + k + 1}, ${base + k + 1}, 1)`,
  )
  await engine.run(
    `INSERT INTO transactions (customer_id, date, amount, status, row_key, row_hash, import_id) VALUES ${values.join(', ')}`,
  )
}

export interface AnalysisRow {
  readonly id: string
  readonly tier: string
  readonly recency: number | null
  readonly frequency: number
  readonly monetary: number
  readonly first?: string
}

/** Writes `rows` as the analysis table `analysis` (the columns a snapshot reads). */
export async function analysisTable(engine: Engine, rows: readonly AnalysisRow[]): Promise<void> {
  await engine.run(`CREATE OR REPLACE TABLE analysis (customer_id VARCHAR, tier VARCHAR,
    recency_days DOUBLE, frequency DOUBLE, monetary DOUBLE, profit DOUBLE, first_purchase DATE,
    account_manager VARCHAR, reason_zh VARCHAR, reason_en VARCHAR)`)
  const v = (x: number | null) => (x === null ? 'NULL' : String(x))
  await engine.run(
    `INSERT INTO analysis VALUES ${rows
      .map(
        (r) =>
          `('${r.id}', '${r.tier}', ${v(r.recency)}, ${r.frequency}, ${r.monetary}, ${r.monetary / 10},
            ${r.first === undefined ? 'NULL' : `DATE '${r.first}'`}, 'Ann', '因为 ${r.tier}', 'because ${r.tier}')`,
      )
      .join(', ')}`,
  )
}

/** Keeps `rows` as a snapshot as of `asOf`. */
export async function keepSnapshot(
  engine: Engine,
  asOf: string,
  rows: readonly AnalysisRow[],
  policy: Policy = TEST_POLICY,
): Promise<SnapshotInfo> {
  await analysisTable(engine, rows)
  return (await createSnapshot(engine, { table: 'analysis', asOf, window: '365d', policy }))
    .snapshot
}
