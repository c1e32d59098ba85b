// The same generated data set on DuckDB and on a two-shard ClickHouse cluster (Debian's
// 18.16 in CI) behind Distributed tables: every indicator of every customer, the BTYD summary
// and its sufficient statistics must agree. Numbers agree within 1e-9 relative (absolute
// below 1, where sums of refunds that cancel out leave rounding noise); text, dates and NULLs
// agree exactly.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ensureClusterSchema,
  openEngine,
  type ClickHouseEngine,
  type CompiledQuery,
  type Engine,
  type SqlDialect,
} from '../src/engine/index.js'
import {
  compileBtydSummary,
  compileIndicators,
  discreteSufficient,
  holdoutSufficient,
  recencySufficient,
  spendSufficient,
  type BtydSummaryOptions,
} from '../src/indicators/index.js'
import { generateDataset, importFiles } from '../src/ingest/index.js'
import { TABLE_KINDS } from '../src/schema/index.js'
import {
  copyStore,
  startCluster,
  stopCluster,
  type ClickHouseCluster,
} from './support/clickhouse.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-ch-equality-'))
let cluster: ClickHouseCluster | undefined
let duck: Engine | undefined
let shards: ClickHouseEngine[] = []
let ch: ClickHouseEngine

beforeAll(async () => {
  cluster = await startCluster()
  const g = await generateDataset({ customers: 300, seed: 11, outDir: dir, lang: 'en' })
  duck = await openEngine(':memory:')
  const files = g.files.filter((f) => f.table !== 'truth').map((f) => f.path)
  expect((await importFiles(duck, files)).ok).toBe(true)
  shards = await cluster.engines('clientele')
  ch = shards[0]!
  await ensureClusterSchema(ch, { cluster: cluster.cluster, shards })
  await copyStore(duck, ch)
})
afterAll(async () => {
  await duck?.close()
  await stopCluster(cluster)
  rmSync(dir, { recursive: true, force: true })
})

const plain = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)
const close = (a: number, b: number) =>
  Object.is(a, b) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))

/** The rows of the query on each engine in its own dialect, by `key`, and the cells that differ. */
async function differences(compile: (d: SqlDialect) => CompiledQuery, key: string) {
  const run = (e: Engine) => {
    const q = compile(e.dialect)
    return e.all(`SELECT * FROM (${q.sql}) AS q ORDER BY ${key}`, q.params)
  }
  const [a, b] = await Promise.all([run(duck!), run(ch)])
  const diffs: string[] = []
  expect(b.map((r) => r[key])).toEqual(a.map((r) => r[key]))
  a.forEach((row, i) => {
    for (const [col, x] of Object.entries(row)) {
      const [u, v] = [plain(x), plain(b[i]![col])]
      const same = typeof u === 'number' && typeof v === 'number' ? close(u, v) : Object.is(u, v)
      if (!same)
        diffs.push(`${String(row[key])}.${col}: duckdb ${String(u)}, clickhouse ${String(v)}`)
    }
  })
  return { rows: a.length, diffs }
}

function expectClose(a: Record<string, Float64Array>, b: Record<string, Float64Array>) {
  expect(Object.keys(b)).toEqual(Object.keys(a))
  for (const [k, x] of Object.entries(a)) {
    const y = b[k]!
    expect(y.length, k).toBe(x.length)
    const bad = [...x].flatMap((v, i) => (close(v, y[i]!) ? [] : [`${k}[${i}]: ${v} vs ${y[i]}`]))
    expect(bad).toEqual([])
  }
}

const BTYD: BtydSummaryOptions = {
  calibrationEnd: '2025-06-30',
  holdoutEnd: '2026-01-01',
  unit: 'week',
}

describe('DuckDB and a two-shard ClickHouse cluster on the same generated data', () => {
  it('holds every canonical row in the Distributed tables, spread over both shards', async () => {
    for (const kind of TABLE_KINDS) {
      const [d] = await duck!.all<{ n: number }>(`SELECT count(*) AS n FROM ${kind}`)
      const [c] = await ch.all<{ n: number }>(`SELECT count() AS n FROM ${kind}`)
      expect(c!.n, kind).toBe(d!.n)
    }
    const local = await Promise.all(
      shards.map(
        async (s) =>
          (await s.all<{ n: number }>(`SELECT count() AS n FROM transactions_local`))[0]!.n,
      ),
    )
    expect(local.every((n) => n > 0)).toBe(true)
  })

  it.each([
    ['2026-01-01', 'all'],
    ['2025-07-01', '365d'],
    ['2024-03-15', '6m'],
  ])(
    'computes every indicator of every customer alike (as of %s, window %s)',
    async (asOf, window) => {
      const { rows, diffs } = await differences(
        (d) => compileIndicators(d, { asOf, window }),
        'customer_id',
      )
      expect(rows).toBeGreaterThan(100)
      expect(diffs).toEqual([])
    },
  )

  it.each([BTYD, { ...BTYD, holdoutEnd: undefined, unit: 'day' as const }])(
    'summarises every customer for BTYD alike (%j)',
    async (o) => {
      const { rows, diffs } = await differences((d) => compileBtydSummary(d, o), 'customer_id')
      expect(rows).toBeGreaterThan(100)
      expect(diffs).toEqual([])
    },
  )

  it('pulls the same sufficient statistics from both engines', async () => {
    const stats = async (e: Engine) => {
      const q = compileBtydSummary(e.dialect, BTYD)
      return {
        recency: await recencySufficient(e, q),
        holdout: await holdoutSufficient(e, q),
        spend: await spendSufficient(e, q),
        discrete: await discreteSufficient(e, BTYD),
      }
    }
    const [a, b] = await Promise.all([stats(duck!), stats(ch)])
    expect(a.recency.x.length).toBeGreaterThan(20)
    for (const k of ['recency', 'holdout', 'spend', 'discrete'] as const) {
      expectClose(
        a[k] as unknown as Record<string, Float64Array>,
        b[k] as unknown as Record<string, Float64Array>,
      )
    }
  })
})
