import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCluster, stopCluster, type ClickHouseCluster } from '../../test/support/clickhouse.js'
import { ClickHouseEngine, openEngine, type Engine } from '../engine/index.js'
import { ClienteleError } from '../schema/index.js'
import { evaluate } from './evaluate.js'
import { parseExpression } from './expression.js'
import type { Frame } from './frame.js'
import { parsePolicyText } from './policy.js'
import { compileRule, compileTierRules, type ColumnKind } from './sql.js'

// Missing values (NaN / NULL) in every column, so each rule meets them.
const M = [0.85, NaN, 0.5, -1, 0, 0.849999]
const T = ['A', null, 'B', '', 'A', 'c']
const frame: Frame = {
  n: M.length,
  ids: M.map((_, i) => `c${i}`),
  numbers: new Map([['m_pct', Float64Array.from(M)]]),
  texts: new Map([['abc_class', T]]),
}
const COLUMNS = new Map<string, ColumnKind>([
  ['m_pct', 'number'],
  ['abc_class', 'text'],
])
const RULES = [
  'm_pct >= 0.85',
  'not m_pct >= 0.85',
  'm_pct == -1 or abc_class == "B"',
  'm_pct != 0.5 and abc_class != "A"',
  'not (m_pct < 0.5)',
  'm_pct',
  'abc_class',
  'not abc_class',
  'abc_class in ["A", "c"]',
  'm_pct in [0, 0.5]',
  'true and not false',
  'm_pct >= 85%',
]

let cluster: ClickHouseCluster | undefined
const engines: Record<string, Engine> = {}

beforeAll(async () => {
  cluster = await startCluster({ shards: 1 })
  engines.duckdb = await openEngine(':memory:')
  engines.clickhouse = await ClickHouseEngine.open(cluster.url('default'))
  await engines.duckdb.run('CREATE TABLE r (i INTEGER, m_pct DOUBLE, abc_class VARCHAR)')
  await engines.clickhouse.run(
    'CREATE TABLE r (i Int32, m_pct Nullable(Float64), abc_class Nullable(String)) ENGINE = Memory',
  )
  for (const e of Object.values(engines)) {
    await e.insertColumns('r', [Int32Array.from(M.keys()), Float64Array.from(M), T])
  }
})
afterAll(async () => {
  for (const e of Object.values(engines)) await e.close()
  await stopCluster(cluster)
})

describe.each(['duckdb', 'clickhouse'])('%s: tier rules compiled to SQL', (name) => {
  it('writes comparisons as 0/1 CASE expressions joined by least/greatest', () => {
    const d = engines[name]!.dialect
    const sql = compileRule(
      parseExpression('m_pct >= 0.5 and not abc_class == "A"', 'r'),
      d,
      COLUMNS,
    )
    const [m, a] = [d.quoteIdentifier('m_pct'), d.quoteIdentifier('abc_class')]
    expect(sql).toBe(
      `least(CASE WHEN ${m} >= 0.5 THEN 1 ELSE 0 END, (1 - CASE WHEN ${a} = 'A' THEN 1 ELSE 0 END))`,
    )
  })

  it.each(RULES)(
    'gives the mask evaluate() gives over the frame, missing values false: %s',
    async (rule) => {
      const e = engines[name]!
      const expr = parseExpression(rule, 'r')
      const rows = await e.all<{ v: number }>(
        `SELECT ${compileRule(expr, e.dialect, COLUMNS)} AS v FROM r ORDER BY i`,
      )
      expect(rows.map((r) => Number(r.v))).toEqual([...evaluate(expr, frame)])
    },
  )
})

describe('compileTierRules', () => {
  const policy = (rules: string[]) =>
    parsePolicyText(
      `id: p\nname: { zh: p, en: p }\ndefault: z\ntiers:\n${rules
        .map((r, i) => `  - { id: t${i}, name: { zh: a, en: a }, when: '${r}' }`)
        .join('\n')}\n  - { id: z, name: { zh: z, en: z } }\n`,
      'p.yaml',
    )

  it('compiles one expression per tier, 0 for the default tier without a rule', () => {
    const d = engines.duckdb!.dialect
    const c = compileTierRules(policy(['m_pct > 0.5', 'abc_class == "A"']), d, COLUMNS)
    expect(c.ruled).toEqual([true, true, false])
    expect(c.matches[2]).toBe('0')
  })

  it('reports every rule it cannot compile, with its path and text', () => {
    const d = engines.duckdb!.dialect
    const err = (() => {
      try {
        compileTierRules(
          policy(['score >= 50', 'abc_class > "A"', 'm_pct == "x"', 'abc_class == 1']),
          d,
          COLUMNS,
        )
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(ClienteleError)
    expect((err as ClienteleError).issues.map((i) => [i.path, i.message, i.value])).toEqual([
      ['tiers.0.when', 'unknown column score (the engine has abc_class, m_pct)', 'score >= 50'],
      ['tiers.1.when', 'abc_class is text; use ==, != or in, not >', 'abc_class > "A"'],
      ['tiers.2.when', 'm_pct is a number; compare it with a number, not "x"', 'm_pct == "x"'],
      ['tiers.3.when', 'abc_class is text; compare it with a quoted value', 'abc_class == 1'],
    ])
    expect((err as ClienteleError).message).toMatch(/^policy p cannot be tiered in the engine: /)
  })
})
