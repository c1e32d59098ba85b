// Snapshots on a two-shard ClickHouse cluster against the DuckDB path on the same generated
// data (40 customers stop buying mid-2024, so there are moves down to explain): the same
// history, the same per-customer snapshot rows and KPIs, and the same comparisons — matrix,
// value moved, movers with their drivers, new, lost and gone — through the app functions and
// the CLI, the engine chosen by the store location. A run that fails while its snapshot is
// written leaves none, and rows a failed run had put in place are replaced, not doubled.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  analyze,
  analyzeCluster,
  compare,
  history,
  importData,
  trends,
  type AnalyzeResult,
  type ClusterAnalyzeResult,
} from '../src/app/index.js'
import {
  EngineError,
  ensureClusterSchema,
  openEngine,
  type ClickHouseEngine,
  type Engine,
} from '../src/engine/index.js'
import { generateDataset } from '../src/ingest/index.js'
import type { SnapshotInfo } from '../src/tracking/index.js'
import {
  copyStore,
  killShard,
  restartShard,
  startCluster,
  stopCluster,
  type ClickHouseCluster,
} from './support/clickhouse.js'
import { cli } from './support/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-ch-tracking-'))
const duckStore = join(dir, 'store.duckdb')
const DB = 'tracking'
let cluster: ClickHouseCluster
let url: string
let ch: ClickHouseEngine

/** The runs, in order, on both paths: two dates of one policy, then another policy. */
const RUNS = [
  { policy: 'rfm-segments', asOf: '2024-06-01' },
  { policy: 'rfm-segments', asOf: '2024-12-01' },
  { policy: 'value-potential', asOf: '2024-12-01' },
] as const

beforeAll(async () => {
  cluster = await startCluster()
  const g = await generateDataset({
    customers: 400,
    seed: 23,
    outDir: join(dir, 'data'),
    lang: 'en',
    start: '2023-01-01',
    end: '2024-12-31',
    move: { customers: 40, fromDay: '2024-06-01', effect: 'churn' },
  })
  const files = g.files.filter((f) => f.table !== 'truth').map((f) => f.path)
  expect((await importData({ store: duckStore, files })).ok).toBe(true)
  const shards = await cluster.engines(DB)
  ch = shards[0]!
  url = cluster.url(DB)
  await ensureClusterSchema(ch, { cluster: cluster.cluster, shards })
  const duck = await openEngine(duckStore)
  await copyStore(duck, ch).finally(() => duck.close())
  for (const run of RUNS) {
    const options = { ...run, formats: [], lang: 'en' as const }
    const d: AnalyzeResult = await analyze({ ...options, store: duckStore })
    const c: ClusterAnalyzeResult = await analyzeCluster({ ...options, store: url })
    expect(c.snapshot.id).toBe(d.snapshot.id)
    expect(c.snapshot.warnings).toEqual(d.snapshot.warnings)
  }
})
afterAll(async () => {
  await stopCluster(cluster)
  rmSync(dir, { recursive: true, force: true })
})

const close = (a: number, b: number) =>
  Object.is(a, b) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
const plain = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)

/** Paths where two JSON-like values differ, numbers compared with `close`. */
function notClose(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number')
    return close(a, b) ? [] : [`${path}: ${a} vs ${b}`]
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return Object.is(plain(a), plain(b)) ? [] : [`${path}: ${String(a)} vs ${String(b)}`]
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  return keys.flatMap((k) =>
    notClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`),
  )
}

/**
 * What two stores of one data set share of a snapshot: all but when it was made and its
 * fingerprint, whose import id and row hash each engine takes its own way.
 */
const comparable = (s: SnapshotInfo) => ({
  id: s.id,
  asOf: s.asOf,
  window: s.window,
  policy: s.policy,
  customers: s.customers,
  data: {
    customers: s.data.customers,
    transactions: s.data.transactions,
    rows: s.data.before.rows,
  },
  amount: Number(s.data.before.amount),
})

async function rows(e: Engine, sql: string): Promise<Record<string, unknown>[]> {
  return (await e.all(sql)).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])),
  )
}

const withDuck = <T>(work: (e: Engine) => Promise<T>) =>
  openEngine(duckStore).then((e) => work(e).finally(() => e.close()))

const headerIds = async () =>
  (await ch.all('SELECT snapshot_id FROM snapshots ORDER BY snapshot_id')).map((r) => r.snapshot_id)
const rowIds = async (table = 'snapshot_customers') =>
  (await ch.all(`SELECT DISTINCT snapshot_id FROM ${table} ORDER BY snapshot_id`)).map(
    (r) => r.snapshot_id,
  )
const leftovers = async () =>
  (
    await ch.all(
      `SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'clientele_tmp_%'`,
    )
  ).map((r) => r.name)

describe('snapshots of a ClickHouse store equal the DuckDB path', () => {
  it('lists the same snapshots: ids, dates, policies, customers and the data they saw', async () => {
    const [d, c] = [await history({ store: duckStore }), await history({ store: url })]
    expect(c.map((s) => [s.id, s.asOf, s.policy.id])).toEqual([
      [1, '2024-06-01', 'rfm-segments'],
      [2, '2024-12-01', 'rfm-segments'],
      [3, '2024-12-01', 'value-potential'],
    ])
    expect(notClose(c.map(comparable), d.map(comparable))).toEqual([])
    // Runs of one date saw the same data; the earlier date saw less.
    const [f1, f2, f3] = c.map((s) => s.fingerprint)
    expect([f1 === f2, f2 === f3]).toEqual([false, true])
    expect(c.every((s) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(s.createdAt))).toBe(true)
  })

  it('keeps the same row for every customer of every snapshot, and the same KPIs', async () => {
    const customers = 'SELECT * FROM snapshot_customers ORDER BY snapshot_id, customer_id'
    const kpis =
      'SELECT snapshot_id, kpi_id, tier, value FROM snapshot_kpis ORDER BY snapshot_id, kpi_id, tier'
    const [d, c] = [await withDuck((e) => rows(e, customers)), await rows(ch, customers)]
    const kept = (await history({ store: url })).reduce((n, s) => n + s.customers, 0)
    expect([c.length, d.length]).toEqual([kept, kept])
    expect(kept).toBeGreaterThan(1000)
    expect(notClose(c, d)).toEqual([])
    const [dk, ck] = [await withDuck((e) => rows(e, kpis)), await rows(ch, kpis)]
    expect(ck.length).toBeGreaterThan(10)
    expect(notClose(ck, dk)).toEqual([])
  })

  it.each([
    ['two dates of one policy', '1', '2', 1000, ['down', 'up']],
    ['two dates, the movers listed a page at a time', '1', '2', 25, ['down', 'up']],
    ['two policies (moves are changes)', '1', '3', 1000, ['changed']],
    ['backwards in time', '2', '1', 40, ['down', 'up']],
  ])(
    'compares %s as DuckDB does: matrix, value moved, movers and their drivers, new, lost, gone',
    async (_, from, to, limit, directions) => {
      const o = { from, to, limit, lang: 'en' as const }
      const [d, c] = [
        await compare({ ...o, store: duckStore }),
        await compare({ ...o, store: url }),
      ]
      expect(notClose(c, d)).toEqual([])
      expect(c.movedTotal).toBeGreaterThan(50)
      expect(c.moved).toHaveLength(Math.min(limit, c.movedTotal))
      expect([...new Set(c.moved.map((m) => m.direction))].sort()).toEqual(directions)
      expect(c.moved.filter((m) => m.driver !== null).length).toBeGreaterThan(c.moved.length / 2)
    },
  )

  it('answers the CLI on a clickhouse:// store, and says what it keeps to DuckDB stores', async () => {
    const h = cli(['history', '--store', url, '--json'])
    expect(h.status, h.stderr).toBe(0)
    expect(JSON.parse(h.stdout)).toEqual(JSON.parse(JSON.stringify(await history({ store: url }))))
    const c = cli(['compare', '1', '2', '--limit', '5', '--store', url, '--json'])
    expect(c.status, c.stderr).toBe(0)
    expect(JSON.parse(c.stdout)).toEqual(
      JSON.parse(JSON.stringify(await compare({ store: url, from: '1', to: '2', limit: 5 }))),
    )
    const message = `clientele trends works on DuckDB stores only: ${url} is a ClickHouse store, whose snapshots clientele history and clientele compare read`
    await expect(trends({ store: url })).rejects.toThrow(message)
    const t = cli(['trends', '--store', url])
    expect([t.status, t.stderr.trim()]).toEqual([2, `clientele: ${message}`])
  })
})

describe('a ClickHouse snapshot when a run fails', () => {
  it('keeps no snapshot of a run whose shard dies while the snapshot is written; a rerun keeps one', async () => {
    const before = await history({ store: url })
    const [analysis] = await ch.all(
      'SELECT count() AS n, sum(cityHash64(customer_id, tier)) AS h FROM analysis',
    )
    let command: string[] = []
    const err = await analyzeCluster({
      store: url,
      policy: 'rfm-segments',
      formats: [],
      onProgress: (e) => {
        if (e.stage === 'writing') command = killShard(cluster, 1)
      },
    }).catch((x: unknown) => x)
    try {
      expect(err).toBeInstanceOf(EngineError)
      expect((err as EngineError).code).toBe('ENGINE_UNREACHABLE')
      // It failed reading the orders for the snapshot's fingerprint, after the results were built.
      expect((err as EngineError).sql).toContain('row_hash')
      expect(await history({ store: url })).toEqual(before)
      expect(await rowIds()).toEqual(await headerIds())
      expect(await rowIds('snapshot_kpis')).toEqual(await headerIds())
      expect(
        await ch.all('SELECT count() AS n, sum(cityHash64(customer_id, tier)) AS h FROM analysis'),
      ).toEqual([analysis])
      expect(await leftovers()).toEqual([])
    } finally {
      await restartShard(cluster, 1, command)
    }
    const r = await analyzeCluster({ store: url, policy: 'rfm-segments', formats: [] })
    const after = await history({ store: url })
    expect(after.map((s) => s.id)).toEqual([...before.map((s) => s.id), r.snapshot.id])
    expect(r.snapshot.id).toBe(4)
    expect(await rowIds()).toEqual(await headerIds())
    expect(
      await ch.all('SELECT count() AS n FROM snapshot_customers WHERE snapshot_id = 4'),
    ).toEqual([{ n: 400 }])
  })

  it('keeps no snapshot of a run whose entry server restarts once the snapshot is written; a rerun clears what was left', async () => {
    const before = await history({ store: url })
    const ids = await headerIds()
    let command: string[] = []
    const err = await analyzeCluster({
      store: url,
      policy: 'rfm-segments',
      formats: [],
      onProgress: (e) => {
        if (e.detail?.startsWith('snapshot ')) command = killShard(cluster, 0)
      },
    }).catch((x: unknown) => x)
    expect(command.length).toBeGreaterThan(0)
    expect(err).toBeInstanceOf(EngineError)
    expect((err as EngineError).code).toBe('ENGINE_UNREACHABLE')
    await restartShard(cluster, 0, command)
    expect(await history({ store: url })).toEqual(before)
    expect(await rowIds()).toEqual(ids)
    expect(await rowIds('snapshot_kpis')).toEqual(ids)
    expect((await leftovers()).length).toBeGreaterThan(0)
    const r = await analyzeCluster({ store: url, policy: 'rfm-segments', formats: [] })
    expect(r.snapshot.id).toBe(Number(ids.at(-1)) + 1)
    expect((await history({ store: url })).length).toBe(before.length + 1)
    expect(await leftovers()).toEqual([])
  })

  it('replaces the rows a run put in place before it failed to swap, instead of doubling them', async () => {
    // What a run that died between placing its rows and swapping its header leaves: rows
    // under the next id (here copies of snapshot 1's) that no header names.
    const next = Number((await headerIds()).at(-1)) + 1
    for (const table of ['snapshot_customers', 'snapshot_kpis']) {
      const columns = (
        await ch.all(
          'SELECT name FROM system.columns WHERE database = currentDatabase() AND table = $table',
          { table },
        )
      )
        .map((r) => String(r.name))
        .map((c) => (c === 'snapshot_id' ? `toInt32(${next}) AS orphan_id` : c))
      await ch.run(
        `INSERT INTO ${table} SELECT ${columns.join(', ')} FROM ${table} WHERE snapshot_id = 1`,
      )
      expect(await rowIds(table)).toContain(next)
    }
    expect((await history({ store: url })).map((s) => s.id)).not.toContain(next)
    const r = await analyzeCluster({ store: url, policy: 'abc', formats: [] })
    expect(r.snapshot.id).toBe(next)
    const tiers =
      'SELECT count() AS n, uniqExact(customer_id) AS ids, sum(cityHash64(customer_id, tier)) AS h'
    const [kept] = await ch.all(`${tiers} FROM snapshot_customers WHERE snapshot_id = ${next}`)
    const [analysis] = await ch.all(`${tiers} FROM analysis`)
    expect(kept).toEqual(analysis)
    expect(kept).toMatchObject({ n: 400, ids: 400 })
    const kpiTiers = await ch.all(
      `SELECT DISTINCT tier FROM snapshot_kpis WHERE snapshot_id = ${next} ORDER BY tier`,
    )
    expect(kpiTiers.map((t) => t.tier)).toEqual(['*', 'a', 'b', 'c'])
    expect(await rowIds()).toEqual(await headerIds())
    expect(await rowIds('snapshot_kpis')).toEqual(await headerIds())
  })
})
