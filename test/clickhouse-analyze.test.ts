// `clientele analyze` on a two-shard ClickHouse cluster against the DuckDB path on the same
// generated data: tiers, reasons, needs and actions identical, every indicator and model
// column equal (numbers within 1e-9 relative, absolute below 1; min-max and percentile
// scorecards to the bit), the same action plan rows (capacity spent the same way, in several
// pages) and criteria impact counts, for every preset and the scorecard policies in
// test/policies, also as of a date before some customers had bought; and the write-back of
// results safe against shards that are down, a server restarted mid-run (also while the text
// goes up) and reruns.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeCluster, runAnalysis, runClusterAnalysis } from '../src/app/index.js'
import {
  ClickHouseEngine,
  EngineError,
  ensureClusterSchema,
  openEngine,
  type Engine,
} from '../src/engine/index.js'
import { generateDataset, importFiles } from '../src/ingest/index.js'
import { ClienteleError } from '../src/schema/index.js'
import { resolvePolicy, type Policy } from '../src/tiering/index.js'
import {
  copyStore,
  killShard,
  restartShard,
  startCluster,
  stopCluster,
  type ClickHouseCluster,
} from './support/clickhouse.js'
import { ROOT } from './support/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-ch-analyze-'))
const DB = 'clientele'
let cluster: ClickHouseCluster
let duck: Engine
let ch: ClickHouseEngine

beforeAll(async () => {
  cluster = await startCluster()
  const g = await generateDataset({ customers: 300, seed: 11, outDir: dir, lang: 'en' })
  duck = await openEngine(':memory:')
  const files = g.files.filter((f) => f.table !== 'truth').map((f) => f.path)
  expect((await importFiles(duck, files)).ok).toBe(true)
  const shards = await cluster.engines(DB)
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

/** The cells of the two `analysis` tables that differ, over the columns both have. */
async function differences(): Promise<{ rows: number; columns: string[]; diffs: string[] }> {
  const a = await duck.all('SELECT * FROM analysis ORDER BY customer_id')
  const b = await ch.all('SELECT * FROM analysis ORDER BY customer_id')
  expect(b.map((r) => r.customer_id)).toEqual(a.map((r) => r.customer_id))
  const columns = Object.keys(a[0]!).filter((c) => c in b[0]!)
  const diffs: string[] = []
  a.forEach((row, i) => {
    for (const c of columns) {
      const [u, v] = [plain(row[c]), plain(b[i]![c])]
      const same = typeof u === 'number' && typeof v === 'number' ? close(u, v) : Object.is(u, v)
      if (!same) diffs.push(`${String(row.customer_id)}.${c}: duckdb ${u}, clickhouse ${v}`)
    }
  })
  return { rows: a.length, columns, diffs }
}

/** The rows of the two action plans that differ, in customer and action order. */
async function planDifferences(): Promise<{ rows: number; diffs: string[] }> {
  const sql = `SELECT customer_id, tier, action, text, owner, priority, due, value_at_stake, cost, status, reason
    FROM analysis_actions ORDER BY customer_id, action`
  const [a, b] = [await duck.all(sql), await ch.all(sql)]
  const diffs: string[] = []
  a.forEach((row, i) => {
    for (const [c, u] of Object.entries(row)) {
      const v = b[i]?.[c]
      const same = typeof u === 'number' && typeof v === 'number' ? close(u, v) : Object.is(u, v)
      if (!same) diffs.push(`${String(row.customer_id)}.${c}: duckdb ${u}, clickhouse ${v}`)
    }
  })
  if (b.length !== a.length) diffs.push(`rows: duckdb ${a.length}, clickhouse ${b.length}`)
  return { rows: a.length, diffs }
}

/** A fingerprint of the results: rows and a hash of every (customer, tier, reason) and action. */
async function fingerprint(e: ClickHouseEngine = ch) {
  const [r] = await e.all(
    `SELECT count() AS n, uniqExact(customer_id) AS ids, sum(cityHash64(customer_id, tier)) AS h,
       sum(cityHash64(customer_id, reason_en, actions)) AS text FROM analysis`,
  )
  const [p] = await e.all(
    `SELECT count() AS actions, sum(cityHash64(customer_id, action, status)) AS plan FROM analysis_actions`,
  )
  return { ...r, ...p }
}

const leftovers = async (e: ClickHouseEngine = ch) =>
  (
    await e.all(
      `SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'clientele_tmp_%'`,
    )
  ).map((r) => r.name)

const TEXT = ['reason_zh', 'reason_en', 'basis', 'needs', 'actions']

/**
 * Runs `policy` on both paths (as of `asOf`, default the day after the last order) and
 * expects the same tiers, every common cell (text included) and action plan row equal, and
 * the same shares, overlaps, warnings, model diagnostics, action counts and criteria impact.
 * Returns the number of action plan rows.
 */
async function expectSameAnalysis(
  policy: Policy,
  asOf: string | undefined,
  modelColumns: readonly string[],
): Promise<number> {
  const d = await runAnalysis(duck, policy, { lang: 'en', formats: [], asOf })
  const c = await runClusterAnalysis(ch, policy, { lang: 'en', formats: [], asOf })
  const { rows, columns, diffs } = await differences()
  expect(rows).toBe(d.customers)
  expect(columns).toEqual(
    expect.arrayContaining(['tier', 'segment', ...TEXT, 'monetary', ...modelColumns]),
  )
  expect(diffs).toEqual([])
  const plan = await planDifferences()
  expect(plan.diffs).toEqual([])
  expect(c.actions).toEqual(d.actions)
  expect(c.impact).toEqual(d.impact)
  expect(c.tiers.map((t) => [t.id, t.customers])).toEqual(d.tiers.map((t) => [t.id, t.customers]))
  c.tiers.forEach((t, k) => expect(close(t.value, d.tiers[k]!.value), t.id).toBe(true))
  expect(c.overlaps).toEqual(d.overlaps)
  expect(c.warnings).toEqual(d.warnings)
  expect(notClose(c.models, d.models)).toEqual([])
  expect(await leftovers()).toEqual([])
  return plan.rows
}

describe('analyze on a two-shard ClickHouse cluster equals the DuckDB path', () => {
  it.each([
    ['rfm-cn8', ['rfm_class', 'r_score', 'f_score', 'm_score', 'fm_score', 'r_high']],
    ['abc', ['abc_class']],
    ['rfm-segments', ['rfm_segment', 'segment']],
    ['value-potential', ['clv', 'p_alive', 'expected_purchases', 'churn_risk', 'expected_spend']],
  ])(
    '%s: the same tier for every customer, and the same indicators and model columns',
    async (name, modelColumns) => {
      const planRows = await expectSameAnalysis(resolvePolicy(name), undefined, modelColumns)
      expect(planRows).toBeGreaterThanOrEqual(300)
      expect(await fingerprint()).toMatchObject({ n: 300 })
    },
  )

  it('spends finite capacity as the DuckDB path does, reading the ranking and the customers in pages', async () => {
    // Costs that do not add up evenly, so later, cheaper actions fit where earlier ones did
    // not; capacity only for some owners, so the rest are planned without the walk.
    const base = resolvePolicy('value-potential')
    const costs = [2.5, 0.1, 1.3, 0.7]
    const policy: Policy = {
      ...base,
      tiers: base.tiers.map((t, i) => ({
        ...t,
        actions: t.actions.map((a) => ({ ...a, cost: costs[i]! })),
      })),
      capacity: { marketing: 20.5, 未分配: 4.4 },
    }
    const d = await runAnalysis(duck, policy, { lang: 'zh', formats: [] })
    const c = await runClusterAnalysis(ch, policy, { lang: 'zh', formats: [], pageSize: 64 })
    expect(c.actions).toEqual(d.actions)
    expect(c.actions.leftOut).toBeGreaterThan(100)
    expect(c.actions.owners.filter((o) => o.capacity === Infinity).length).toBeGreaterThan(0)
    const plan = await planDifferences()
    expect(plan.diffs).toEqual([])
    const { columns, diffs } = await differences()
    expect(columns).toEqual(expect.arrayContaining(TEXT))
    expect(diffs).toEqual([])
    expect(await leftovers()).toEqual([])
  })

  it('fits the CLV model on the same distinct rows and gets the same parameters', async () => {
    const policy = resolvePolicy('value-potential')
    const d = await runAnalysis(duck, policy, { lang: 'en', formats: [] })
    const c = await runClusterAnalysis(ch, policy, { lang: 'en', formats: [] })
    const [dc, cc] = [d.models.clv!, c.models.clv!]
    expect([cc.distinctRows, cc.spendRows, cc.grid]).toEqual([dc.distinctRows, dc.spendRows, false])
    for (const [k, v] of Object.entries(dc.params)) expect(close(cc.params[k]!, v), k).toBe(true)
    for (const [k, v] of Object.entries(dc.spend)) expect(close(cc.spend[k]!, v), k).toBe(true)
  })

  it('rejects a rule it cannot compile, naming the rule', async () => {
    const policy = resolvePolicy('rfm-cn8')
    const bad = {
      ...policy,
      rules: [resolvePolicy('b2b4').rules[0], ...policy.rules.slice(1)],
    }
    const err = await runClusterAnalysis(ch, bad, { formats: [] }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ClienteleError)
    expect((err as ClienteleError).issues.map((i) => [i.path, i.message.split(' (')[0]])).toEqual([
      ['tiers.0.when', 'unknown column clv_pct'],
    ])
  })

  it('writes the results idempotently: a rerun gives the same table, one row per customer', async () => {
    const policy = resolvePolicy('rfm-cn8')
    await runClusterAnalysis(ch, policy, { formats: [] })
    const first = await fingerprint()
    await runClusterAnalysis(ch, policy, { formats: [] })
    expect(await fingerprint()).toEqual(first)
    expect(first).toMatchObject({ n: 300, ids: 300 })
    expect(await leftovers()).toEqual([])
  })

  it('reads the orders from the table named by ?table= and names a missing one', async () => {
    for (const shard of await cluster.engines(DB)) {
      await shard.run('CREATE TABLE IF NOT EXISTS orders_local AS transactions_local')
      await shard.run(
        `CREATE TABLE IF NOT EXISTS orders AS orders_local ENGINE = Distributed(${cluster.cluster}, ${DB}, orders_local, cityHash64(customer_id))`,
      )
    }
    await ch.run('INSERT INTO orders SELECT * FROM transactions')
    const other = await runClusterAnalysis(
      await ClickHouseEngine.open(`${cluster.url(DB)}?table=orders`),
      resolvePolicy('abc'),
      { formats: [] },
    )
    const same = await runClusterAnalysis(ch, resolvePolicy('abc'), { formats: [] })
    expect(other.tiers).toEqual(same.tiers)
    await expect(
      analyzeCluster({ store: `${cluster.url(DB)}?table=nope`, formats: [] }),
    ).rejects.toThrow(
      `the ClickHouse database ${DB} has no table nope, which the analysis reads (orders from ?table=, default transactions)`,
    )
  })

  it('streams the results to analysis.csv with a BOM, one row per customer in tier order, and writes summary.json', async () => {
    const out = join(dir, 'out')
    const r = await analyzeCluster({
      store: cluster.url(DB),
      policy: 'rfm-cn8',
      outDir: out,
      formats: ['csv', 'parquet', 'json', 'xlsx'],
    })
    const csv = readFileSync(join(out, 'analysis.csv'))
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = csv.subarray(3).toString('utf8').trim().split('\n')
    expect(lines[0]!.split(',').slice(0, 5)).toEqual([
      '"customer_id"',
      '"name"',
      '"tier"',
      '"tier_name"',
      '"segment"',
    ])
    expect(lines).toHaveLength(301)
    // Rows in the policy's tier order, as the DuckDB path writes them.
    const order = resolvePolicy('rfm-cn8').tiers.map((t) => t.id)
    const ranks = lines
      .slice(1)
      .map((l) => order.indexOf(/^"[^"]*","[^"]*","([^"]*)"/.exec(l)![1]!))
    expect(new Set(ranks).size).toBeGreaterThan(2)
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toMatchObject({
      policy: 'rfm-cn8',
      customers: 300,
    })
    expect(r.files.map((f) => f.format)).toEqual(['csv', 'json'])
    expect(r.warnings).toEqual([
      'analysis.parquet not written: ClickHouse 18.16.1 has no Parquet output (19.x and later do); analysis.csv holds the same rows',
      'xlsx not written: a ClickHouse analysis exports csv, parquet and the json summary only (the others need every customer in Node)',
    ])
  })
})

/** A policy file of test/policies, or a preset. */
const policyOf = (name: string) =>
  resolvePolicy(name.endsWith('.yaml') ? join(ROOT, 'test', 'policies', name) : name)
const LATEST = 'the day after the last order'
/** An as-of date before which some customers on file had not bought yet. */
const EARLY = '2025-03-01'

describe('lifecycle and scorecard models in the cluster equal the DuckDB path', () => {
  it.each([
    ['lifecycle', LATEST, ['lifecycle']],
    ['lifecycle', EARLY, ['lifecycle', 'r_score']],
    ['b2b4', LATEST, ['score', 'clv', 'contribution']],
    ['b2b4', EARLY, ['score', 'clv', 'contribution']],
    ['scorecard-gsb', LATEST, ['score']],
    ['scorecard-ahp.yaml', LATEST, ['score', 'churn_risk']],
    ['scorecard-entropy.yaml', LATEST, ['score', 'lifecycle']],
    ['scorecard-entropy.yaml', EARLY, ['score', 'lifecycle']],
  ])(
    '%s as of %s: the same tier, lifecycle state, score and weights for every customer',
    async (name, asOf, modelColumns) => {
      await expectSameAnalysis(policyOf(name), asOf === LATEST ? undefined : asOf, modelColumns)
    },
  )

  it('leaves customers who have not bought without a lifecycle state, as prospects', async () => {
    await runClusterAnalysis(ch, resolvePolicy('lifecycle'), { formats: [], asOf: EARLY })
    const rows = await ch.all(
      `SELECT tier, count() AS n FROM analysis WHERE lifecycle IS NULL GROUP BY tier`,
    )
    expect(rows).toEqual([{ tier: 'prospect', n: expect.any(Number) }])
    expect(rows[0]!.n).toBeGreaterThan(0)
  })

  it.each([
    ['AHP weights, min-max', (p: Policy) => p],
    [
      'hand weights, percentiles',
      (p: Policy) => ({
        ...p,
        models: {
          ...p.models,
          scorecard: {
            ...p.models.scorecard!,
            normalise: 'percentile' as const,
            weights: [0.4, 0.3, 0.2, 0.1],
          },
        },
      }),
    ],
  ])(
    'gives every customer the very same score with %s (same doubles, added in the same order)',
    async (_, edit) => {
      const policy = edit(policyOf('scorecard-ahp.yaml'))
      await runAnalysis(duck, policy, { formats: [] })
      await runClusterAnalysis(ch, policy, { formats: [] })
      const scores = async (e: Engine) =>
        (await e.all('SELECT score FROM analysis ORDER BY customer_id')).map((r) => r.score)
      const [a, b] = [await scores(duck), await scores(ch)]
      expect(new Set(a).size).toBeGreaterThan(100)
      expect(b).toEqual(a)
    },
  )

  it('rejects a scorecard over a text indicator as the DuckDB path does, and leaves the results alone', async () => {
    const base = resolvePolicy('scorecard-gsb')
    const sc = base.models.scorecard!
    const policy = {
      ...base,
      models: { ...base.models, scorecard: { ...sc, indicators: [...sc.indicators, 'region'] } },
    }
    const before = await fingerprint()
    const message = 'the policy needs the indicator region, which is not available'
    await expect(runAnalysis(duck, policy, { formats: [] })).rejects.toThrow(message)
    await expect(runClusterAnalysis(ch, policy, { formats: [] })).rejects.toThrow(message)
    expect(await fingerprint()).toEqual(before)
    expect(await leftovers()).toEqual([])
  })
})

describe('a cluster analysis when servers fail', () => {
  it('stops with an error naming the shard that is down, and leaves the results table as it was', async () => {
    const before = await fingerprint()
    const shard = cluster.shards[1]!
    const command = killShard(cluster, 1)
    try {
      const err = await runClusterAnalysis(ch, resolvePolicy('abc'), { formats: [] }).catch(
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(EngineError)
      expect((err as EngineError).code).toBe('ENGINE_UNREACHABLE')
      expect((err as EngineError).message).toContain(
        `cannot reach the shard at 127.0.0.1:${shard.tcp}`,
      )
      expect(await fingerprint()).toEqual(before)
    } finally {
      await restartShard(cluster, 1, command)
    }
  })

  it('fails cleanly when its entry server restarts mid-run; a rerun succeeds and clears what was left', async () => {
    const policy = resolvePolicy('value-potential')
    await runClusterAnalysis(ch, policy, { formats: [] })
    const before = await fingerprint()
    let command: string[] = []
    const err = await runClusterAnalysis(ch, policy, {
      formats: [],
      onProgress: (e) => {
        if (e.stage === 'models') command = killShard(cluster, 0)
      },
    }).catch((x: unknown) => x)
    expect(err).toBeInstanceOf(EngineError)
    expect((err as EngineError).message).toMatch(
      new RegExp(`^ClickHouse at 127\\.0\\.0\\.1:${cluster.shards[0]!.http} is unreachable`),
    )
    await restartShard(cluster, 0, command)
    expect(await fingerprint()).toEqual(before)
    expect((await leftovers()).length).toBeGreaterThan(0)
    await runClusterAnalysis(ch, policy, { formats: [] })
    expect(await fingerprint()).toEqual(before)
    expect(await leftovers()).toEqual([])
  })

  it('fails cleanly when its entry server restarts while the text goes up, leaving the old results and plan', async () => {
    const policy = resolvePolicy('rfm-cn8')
    await runClusterAnalysis(ch, policy, { formats: [] })
    const before = await fingerprint()
    let command: string[] = []
    let pages = 0
    const err = await runClusterAnalysis(ch, policy, {
      formats: [],
      pageSize: 100,
      onProgress: (e) => {
        if (e.stage === 'text' && ++pages === 2) command = killShard(cluster, 0)
      },
    }).catch((x: unknown) => x)
    expect(err).toBeInstanceOf(EngineError)
    expect((err as EngineError).code).toBe('ENGINE_UNREACHABLE')
    await restartShard(cluster, 0, command)
    expect(await fingerprint()).toEqual(before)
    await runClusterAnalysis(ch, policy, { formats: [] })
    expect(await fingerprint()).toEqual(before)
    expect(await leftovers()).toEqual([])
  })
})

/** Paths where two JSON-like values differ, numbers compared with `close`. */
function notClose(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number')
    return close(a, b) ? [] : [`${path}: ${a} vs ${b}`]
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return Object.is(a, b) ? [] : [`${path}: ${String(a)} vs ${String(b)}`]
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  return keys.flatMap((k) =>
    notClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`),
  )
}
