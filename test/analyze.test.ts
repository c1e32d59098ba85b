// The main job end to end: `clientele analyze` on the b2b-cn example into a temporary
// store, and its outputs read back (analysis.xlsx, analysis.csv, analysis.parquet,
// summary.json); the same store in English, diff-policy on it; and a small hand-made store
// for capacity overrides and policies that do not fit the data.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diffPolicies, runAnalysis, savePolicy } from '../src/app/index.js'
import { openEngine, type Engine } from '../src/engine/index.js'
import { ClienteleError } from '../src/schema/index.js'
import { parsePolicyText, presetText } from '../src/tiering/index.js'
import { cli, ROOT } from './support/cli.js'
import { handStore, insertRows } from './support/store.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-analyze-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const EXAMPLE = ['customers', 'orders', 'interactions', 'feedback', 'surveys', 'campaigns'].map(
  (f) => join(ROOT, 'examples', 'b2b-cn', `${f}.csv`),
)
const STORE = join(dir, 'b2b.duckdb')
const ZH = join(dir, 'zh')
const EN = join(dir, 'en')

interface Summary {
  asOf: string
  policy: string
  customers: number
  tiers: { id: string; name: string; customers: number; valueShare: number }[]
  warnings: string[]
}

let zhRun: { customers: number; tiers: { id: string; customers: number }[] }
let summary: Summary
let duck: Engine

function json(args: string[]) {
  const r = cli(args)
  expect(r.status, r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

beforeAll(async () => {
  zhRun = json([
    'analyze',
    ...EXAMPLE,
    '--policy',
    'b2b4',
    '--out',
    ZH,
    '--lang',
    'zh',
    '--store',
    STORE,
    '--json',
  ])
  const en = ['--out', EN, '--lang', 'en', '--formats', 'xlsx,json', '--store', STORE, '--json']
  json(['analyze', '--policy', 'b2b4', ...en])
  summary = JSON.parse(readFileSync(join(ZH, 'summary.json'), 'utf8'))
  duck = await openEngine(':memory:')
})
afterAll(() => duck?.close())

async function workbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return wb
}
const headers = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1)

describe('clientele analyze on the b2b-cn example (b2b4, zh)', () => {
  it('writes summary.json with the agreed shape, counts summing to the customers', () => {
    expect(Object.keys(summary).slice(0, 5)).toEqual([
      'asOf',
      'policy',
      'customers',
      'tiers',
      'warnings',
    ])
    // The last order is on 2025-12-31, so the default as-of date is the day after.
    expect(summary).toMatchObject({ asOf: '2026-01-01', policy: 'b2b4', customers: 2000 })
    expect(summary.tiers.map((t) => [t.id, t.name])).toEqual([
      ['premium', '优质客户'],
      ['development', '发展客户'],
      ['potential', '潜力客户'],
      ['marginal', '边缘客户'],
    ])
    expect(summary.tiers.reduce((s, t) => s + t.customers, 0)).toBe(2000)
    expect(summary.tiers.reduce((s, t) => s + t.valueShare, 0)).toBeCloseTo(1, 9)
    expect(summary.tiers.map((t) => t.customers)).toEqual(zhRun.tiers.map((t) => t.customers))
    for (const w of summary.warnings) expect(typeof w).toBe('string')
  })

  it('writes analysis.xlsx: the summary first, then one sheet per tier named in Chinese', async () => {
    const wb = await workbook(join(ZH, 'analysis.xlsx'))
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '汇总',
      '优质客户',
      '发展客户',
      '潜力客户',
      '边缘客户',
      '行动计划',
    ])
    summary.tiers.forEach((t, k) => {
      const ws = wb.worksheets[k + 1]!
      expect(ws.actualRowCount - 1).toBe(t.customers)
      expect(headers(ws).slice(0, 10)).toEqual([
        '客户编号',
        '客户名称',
        '层级代码',
        '客户层级',
        '客户细分',
        '评级原因说明',
        '评级原因(英文)',
        '分级依据',
        '需求分析',
        '行动计划',
      ])
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(String(ws.autoFilter)).toMatch(/^A1:[A-Z]+1$/)
      expect(ws.getRow(2).getCell(3).value).toBe(t.id)
    })
    const premium = wb.worksheets[1]!
    const monetary = headers(premium).indexOf('消费金额') + 1
    expect(monetary).toBeGreaterThan(0)
    expect(premium.getRow(2).getCell(monetary).numFmt).toBe('#,##0.00')
    expect(typeof premium.getRow(2).getCell(monetary).value).toBe('number')
  })

  it('writes analysis.csv with a BOM, the stable column names and one row per customer', async () => {
    const path = join(ZH, 'analysis.csv')
    const bytes = readFileSync(path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const header = bytes.subarray(3).toString('utf8').split('\n', 1)[0]!.split(',')
    expect(header.slice(0, 10)).toEqual([
      'customer_id',
      'name',
      'tier',
      'tier_name',
      'segment',
      'reason_zh',
      'reason_en',
      'basis',
      'needs',
      'actions',
    ])
    const order = ['recency_days', 'frequency', 'monetary', 'contribution', 'clv', 'p_alive'].map(
      (c) => header.indexOf(c),
    )
    expect(order.every((i) => i >= 10)).toBe(true)
    expect(order.slice(0, 3)).toEqual([...order.slice(0, 3)].sort((a, b) => a - b))
    const [counts] = await duck.all(
      `SELECT count(*) AS n, count(DISTINCT customer_id) AS ids,
         count(*) FILTER (WHERE reason_zh IS NULL OR reason_en IS NULL) AS unexplained
       FROM read_csv('${path}', header = true)`,
    )
    expect(counts).toEqual({ n: 2000, ids: 2000, unexplained: 0 })
  })

  it('explains marginal customers by the potential conditions they missed, in both languages', async () => {
    const rows = await duck.all(
      `SELECT reason_zh, reason_en FROM read_csv('${join(ZH, 'analysis.csv')}', header = true)
       WHERE tier = 'marginal'`,
    )
    const marginal = summary.tiers.find((t) => t.id === 'marginal')!.customers
    expect(rows).toHaveLength(marginal)
    for (const r of rows) {
      expect(r.reason_zh).toMatch(/^未达到潜力客户的条件:./)
      expect(r.reason_en).toMatch(/^did not meet the conditions for Potential: ./)
    }
  })

  it('writes analysis.parquet with every customer', async () => {
    const [r] = await duck.all(
      `SELECT count(*) AS n, count(DISTINCT tier) AS tiers FROM read_parquet('${join(ZH, 'analysis.parquet')}')`,
    )
    expect(r).toEqual({ n: 2000, tiers: 4 })
  })

  it("orders the files by tier, then the policy's value (contribution) largest first, then id", async () => {
    const file = (f: string) =>
      `${f === 'csv' ? 'read_csv' : 'read_parquet'}('${join(ZH, `analysis.${f}`)}')`
    const ids = async (f: string, order = '') =>
      (await duck.all<{ customer_id: string }>(`SELECT customer_id FROM ${file(f)}${order}`)).map(
        (r) => r.customer_id,
      )
    const tiers = summary.tiers.map((t, k) => `WHEN '${t.id}' THEN ${k}`).join(' ')
    const sorted = await ids(
      'csv',
      ` ORDER BY CASE tier ${tiers} END, contribution DESC NULLS LAST, customer_id`,
    )
    expect(await ids('csv')).toEqual(sorted)
    expect(await ids('parquet')).toEqual(sorted)
  })
})

describe('clientele analyze --lang en', () => {
  it('names sheets and headers in English', async () => {
    const wb = await workbook(join(EN, 'analysis.xlsx'))
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Premium',
      'Development',
      'Potential',
      'Marginal',
      'Actions',
    ])
    expect(headers(wb.worksheets[1]!).slice(0, 5)).toEqual([
      'Customer ID',
      'Name',
      'Tier ID',
      'Tier',
      'Segment',
    ])
    const en: Summary = JSON.parse(readFileSync(join(EN, 'summary.json'), 'utf8'))
    expect(en.tiers.map((t) => t.name)).toEqual(['Premium', 'Development', 'Potential', 'Marginal'])
    // The same store and policy: the same tiers.
    expect(en.tiers.map((t) => t.customers)).toEqual(summary.tiers.map((t) => t.customers))
  })
})

describe('clientele diff-policy', () => {
  it('gives the migration between two policies, its matrix summing to the customers', () => {
    const d = json(['diff-policy', 'rfm-cn8', 'b2b4', '--store', STORE, '--json'])
    expect(Object.keys(d)).toEqual(['asOf', 'customers', 'from', 'to', 'matrix', 'changed'])
    expect(d).toMatchObject({ asOf: '2026-01-01', customers: 2000 })
    expect(Object.keys(d.from)).toEqual(['id', 'hash', 'tiers'])
    expect(d.from.id).toBe('rfm-cn8')
    expect(d.to.id).toBe('b2b4')
    const rows = Object.values(d.matrix as Record<string, Record<string, number>>)
    expect(Object.keys(d.matrix)).toHaveLength(8)
    expect(
      rows.every((r) => Object.keys(r).join() === 'premium,development,potential,marginal'),
    ).toBe(true)
    const total = rows.flatMap((r) => Object.values(r)).reduce((s, x) => s + x, 0)
    expect(total).toBe(2000)
    // Each policy's own tier counts are the matrix's row and column sums.
    const toCounts = d.to.tiers.map((t: { id: string }) => rows.reduce((s, r) => s + r[t.id]!, 0))
    expect(toCounts).toEqual(summary.tiers.map((t) => t.customers))
  })

  it('says a store without orders has nothing to compare, as a usage error', async () => {
    const e = await diffPolicies({ store: join(dir, 'empty.duckdb'), from: 'abc', to: 'b2b4' })
      .then(() => undefined)
      .catch((x: unknown) => x)
    expect(e).toEqual(
      new ClienteleError('USAGE', 'the store has no orders to analyse: import some first'),
    )
    expect((e as ClienteleError).code).toBe('USAGE')
  })

  it('changes nobody when a policy is compared with itself', async () => {
    const d = await diffPolicies({ store: STORE, from: 'rfm-cn8', to: 'rfm-cn8' })
    expect(d.changed).toBe(0)
    expect(d.customers).toBe(2000)
    for (const [from, row] of Object.entries(d.matrix))
      for (const [to, n] of Object.entries(row)) if (from !== to) expect(n).toBe(0)
  })
})

const FIT = (rules: { top: string; rest: string; action: string }) => `id: fit
name: { zh: 适配, en: Fit }
window: all
tiers:
  - id: top
    name: { zh: 买家, en: Buyers }
    when: ${rules.top}
    actions:
      - id: call
        text: { zh: 电话回访, en: Call }
        when: ${rules.action}
        due: 7d
  - id: next
    name: { zh: 次级, en: Next }
    when: ${rules.rest}
  - id: rest
    name: { zh: 其他, en: Rest }
default: rest
capacity: { 张伟: 3 }
`

const HAND = {
  customers: ['K1', 'K2', 'K3'].map((id) => ({
    customer_id: id,
    name: id,
    region: '华东',
    account_manager: '张伟',
  })),
  transactions: [
    { customer_id: 'K1', date: '2024-12-01', amount: 100 },
    { customer_id: 'K2', date: '2024-12-02', amount: 200 },
    { customer_id: 'K3', date: '2024-12-03', amount: 300 },
  ],
}

describe('policies against the data', () => {
  it('names every rule and the value indicator that do not fit the data', async () => {
    const engine = await handStore(HAND)
    const policy = parsePolicyText(
      FIT({ top: 'nonexistent >= 1', rest: 'region >= 5', action: 'churn_risk >= 0.5' }).replace(
        'window: all',
        'window: all\nvalue: moneytary',
      ),
      'fit.yaml',
    )
    try {
      const e = await runAnalysis(engine, policy, { asOf: '2025-01-01', formats: [] }).then(
        () => undefined,
        (x: unknown) => x,
      )
      expect(e).toBeInstanceOf(ClienteleError)
      expect((e as ClienteleError).code).toBe('POLICY_INVALID')
      expect((e as ClienteleError).message).toBe('policy fit does not fit the data')
      expect((e as ClienteleError).issues).toEqual([
        {
          code: 'POLICY_INVALID',
          path: 'value',
          message: 'unknown indicator moneytary',
          value: 'moneytary',
        },
        {
          code: 'POLICY_INVALID',
          path: 'tiers.0.when',
          message: 'unknown column nonexistent',
          value: 'nonexistent >= 1',
        },
        {
          code: 'POLICY_INVALID',
          path: 'tiers.0.actions.0.when',
          message: 'unknown column churn_risk',
          value: 'churn_risk >= 0.5',
        },
        {
          code: 'POLICY_INVALID',
          path: 'tiers.1.when',
          message: 'region is text; compare it with a quoted value',
          value: 'region >= 5',
        },
      ])
    } finally {
      await engine.close()
    }
  })

  it('keeps no snapshot of a run whose files could not be written', async () => {
    const engine = await handStore(HAND)
    const policy = parsePolicyText(
      FIT({ top: 'monetary > 0', rest: 'false', action: 'true' }),
      'fit.yaml',
    )
    const notADir = join(dir, 'not-a-folder')
    writeFileSync(notADir, 'a file where the output folder should be')
    const snapshots = async () =>
      (await engine.tableExists('snapshots'))
        ? Number((await engine.all('SELECT count(*) AS n FROM snapshots'))[0]!.n)
        : 0
    try {
      const run = (outDir: string) =>
        runAnalysis(engine, policy, { asOf: '2025-01-01', formats: ['csv'], outDir })
      await expect(run(notADir)).rejects.toThrow(/not-a-folder/)
      expect(await snapshots()).toBe(0)
      expect(readFileSync(notADir, 'utf8')).toBe('a file where the output folder should be')
      const done = await run(join(dir, 'kept'))
      expect(done.snapshot.id).toBe(1)
      expect(await snapshots()).toBe(1)
    } finally {
      await engine.close()
    }
  })

  it('lets --capacity OWNER=N override the policy: the action with most at stake is kept', async () => {
    const store = join(dir, 'hand.duckdb')
    const engine = await openEngine(store)
    await insertRows(engine, HAND)
    await engine.close()
    const policy = join(dir, 'fit.yaml')
    writeFileSync(policy, FIT({ top: 'monetary > 0', rest: 'false', action: 'true' }))
    const out = join(dir, 'cap')
    // The policy gives 张伟 3; the command line gives 1. Without a CLV model the value at
    // stake is the customer's value: K3 (300) goes first.
    const capped = json([
      'analyze',
      '--store',
      store,
      '--policy',
      policy,
      '--as-of',
      '2025-01-01',
      '--capacity',
      '张伟=1',
      '--formats',
      'csv',
      '--out',
      out,
      '--json',
    ])
    expect(capped.actions).toEqual({
      planned: 1,
      leftOut: 2,
      owners: [{ owner: '张伟', capacity: 1, used: 1, planned: 1, leftOut: 2 }],
    })
    const actions = await duck.all(
      `SELECT customer_id, status FROM read_csv('${join(out, 'actions.csv')}', header = true) ORDER BY customer_id`,
    )
    expect(actions).toEqual([
      { customer_id: 'K1', status: 'left_out' },
      { customer_id: 'K2', status: 'left_out' },
      { customer_id: 'K3', status: 'planned' },
    ])
  })

  it("writes reasons in the orders' currency and the policy's window", async () => {
    // K3's ¥300 is the largest of 100, 200, 300: percentile 2.5/3, the top 16.7%, said as 17%.
    const usd = {
      ...HAND,
      transactions: HAND.transactions.map((t) => ({ ...t, currency: 'USD' })),
    }
    const engine = await handStore(usd)
    try {
      const reason = async (window: string) => {
        const text = FIT({ top: 'monetary_pct >= 0.8', rest: 'false', action: 'true' })
        const policy = parsePolicyText(text.replace('window: all', `window: ${window}`), 'w.yaml')
        await runAnalysis(engine, policy, { asOf: '2025-01-01', formats: [] })
        return engine.all(`SELECT reason_zh, reason_en FROM analysis WHERE customer_id = 'K3'`)
      }
      expect(await reason('all')).toEqual([
        { reason_zh: '累计消费 $300(前 17%)', reason_en: 'spent $300 in total (top 17%)' },
      ])
      expect(await reason('12m')).toEqual([
        {
          reason_zh: '近 12 个月消费 $300(前 17%)',
          reason_en: 'spent $300 in the last 12 months (top 17%)',
        },
      ])
    } finally {
      await engine.close()
    }
  })

  it('runs a policy saved in the store by its name, and names what it cannot find', async () => {
    const engine = await openEngine(STORE)
    let hash: string
    try {
      hash = (await savePolicy(engine, 'my-abc', presetText('abc'), 'test')).policy.hash
    } finally {
      await engine.close()
    }
    const out = join(dir, 'saved')
    const args = ['analyze', '--store', STORE, '--formats', 'json', '--out', out, '--json']
    const r = cli([...args, '--policy', 'my-abc'])
    expect(r.status, r.stderr).toBe(0)
    const result = JSON.parse(r.stdout) as { policy: { hash: string }; tiers: { id: string }[] }
    expect(result.policy.hash).toBe(hash)
    expect(result.tiers.map((t) => t.id)).toEqual(['a', 'b', 'c'])
    const missing = cli([...args, '--policy', 'no-such-policy'])
    expect(missing.status).not.toBe(0)
    expect(JSON.parse(missing.stdout)).toMatchObject({
      code: 'POLICY_INVALID',
      error: expect.stringContaining('no preset, policy file or saved policy named no-such-policy'),
    })
  })

  it('rejects a malformed --capacity as a usage error', () => {
    const r = cli(['analyze', '--store', ':memory:', '--capacity', '张伟', '--json'])
    expect(r.status).toBe(2)
    expect(JSON.parse(r.stdout)).toMatchObject({
      code: 'USAGE',
      error: 'invalid capacity: 张伟 (expected OWNER=NUMBER)',
    })
  })
})
