// Each helper's SQL asserted for both dialects, then run on both real engines with the same
// expected value: DuckDB in-process, ClickHouse (18.16 in CI) on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startCluster,
  stopCluster,
  type ClickHouseCluster,
} from '../../../test/support/clickhouse.js'
import type { SqlDialect } from '../dialect.js'
import { DuckDBEngine } from '../duckdb/duckdb-engine.js'
import { EngineError, type Engine } from '../engine.js'
import { ClickHouseDialect } from './clickhouse-dialect.js'
import { ClickHouseEngine } from './clickhouse-engine.js'

const ENGINES = ['duckdb', 'clickhouse'] as const
type Name = (typeof ENGINES)[number]

let cluster: ClickHouseCluster | undefined
const engines: Partial<Record<Name, Engine>> = {}

const FIXTURE_DDL: Record<Name, string> = {
  duckdb: 'CREATE TEMP TABLE g (id VARCHAR, d DATE, x DOUBLE, s VARCHAR)',
  clickhouse: `CREATE TABLE g (id String, d Nullable(Date), x Nullable(Float64), s Nullable(String))
    ENGINE = Memory`,
}
const FIXTURE: [string, string, number | null, string | null][] = [
  ['a', '2024-01-01', 1, 'b'],
  ['a', '2024-01-11', 2, 'a'],
  ['a', '2024-01-31', 10, 'b'],
  ['a', '2024-01-31', 4, null],
  ['b', '2024-05-01', null, null],
]

beforeAll(async () => {
  cluster = await startCluster({ shards: 1 })
  engines.duckdb = await DuckDBEngine.open(':memory:')
  engines.clickhouse = await ClickHouseEngine.open(cluster.url('default'))
  for (const name of ENGINES) {
    const e = engines[name]!
    const d = e.dialect
    await e.run(FIXTURE_DDL[name])
    const rows = FIXTURE.map(
      ([id, day, x, s]) =>
        `(${d.quoteString(id)}, ${d.dateLiteral(day)}, ${x ?? 'NULL'}, ${s === null ? 'NULL' : d.quoteString(s)})`,
    )
    await e.run(`INSERT INTO g VALUES ${rows.join(', ')}`)
  }
})
afterAll(async () => {
  for (const e of Object.values(engines)) await e.close()
  await stopCluster(cluster)
})

const plain = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)

async function value(e: Engine, sql: string): Promise<unknown> {
  const rows = await e.all<{ v: unknown }>(`SELECT ${sql} AS v`)
  return plain(rows[0]?.v)
}

interface Case {
  readonly title: string
  readonly expr: (d: SqlDialect) => string
  readonly sql: Record<Name, string>
  readonly value: unknown
}

const day = (d: SqlDialect, iso: string) => d.dateLiteral(iso)
const SCALARS: Case[] = [
  {
    title: 'whole days between two dates',
    expr: (d) => d.daysBetween(day(d, '2024-01-01'), day(d, '2024-03-01')),
    sql: {
      duckdb: "date_diff('day', DATE '2024-01-01', DATE '2024-03-01')",
      clickhouse: "dateDiff('day', toDate('2024-01-01'), toDate('2024-03-01'))",
    },
    value: 60,
  },
  {
    title: 'the ISO week of a Saturday starts on Monday',
    expr: (d) => d.dateTrunc('week', day(d, '2024-02-17')),
    sql: {
      duckdb: "CAST(date_trunc('week', DATE '2024-02-17') AS DATE)",
      clickhouse: "toMonday(toDate('2024-02-17'))",
    },
    value: '2024-02-12',
  },
  {
    title: 'the quarter of a February date',
    expr: (d) => d.dateTrunc('quarter', day(d, '2024-02-17')),
    sql: {
      duckdb: "CAST(date_trunc('quarter', DATE '2024-02-17') AS DATE)",
      clickhouse: "toStartOfQuarter(toDate('2024-02-17'))",
    },
    value: '2024-01-01',
  },
  {
    title: 'days added across a leap day',
    expr: (d) => d.addDays(day(d, '2024-02-28'), '2'),
    sql: {
      duckdb: "CAST(DATE '2024-02-28' + to_days(CAST(2 AS INTEGER)) AS DATE)",
      clickhouse: "toDate(addDays(toDate('2024-02-28'), toInt64(2)))",
    },
    value: '2024-03-01',
  },
  {
    title: 'text of a number',
    expr: (d) => d.castText('42'),
    sql: { duckdb: 'CAST(42 AS VARCHAR)', clickhouse: 'toString(42)' },
    value: '42',
  },
  {
    title: 'words trimmed of spaces and lower-cased beyond ASCII (18.16 has no trim)',
    expr: (d) => d.lowerTrim("'  ÉTÉ WeChat  '"),
    sql: {
      duckdb: "lower(trim('  ÉTÉ WeChat  '))",
      clickhouse: "lowerUTF8(replaceRegexpAll('  ÉTÉ WeChat  ', '^ +| +$', ''))",
    },
    value: 'été wechat',
  },
  {
    // Matched (1), not matched (0), NULL (neither: 0); as numbers, which both engines return alike.
    title: 'a test of one value against a word list',
    expr: (d) =>
      ["'已付款'", "'unpaid'", d.nullOf('text')]
        .map(
          (v, k) => `CASE WHEN ${d.oneOf(v, ['paid', '已付款'])} THEN ${10 ** (2 - k)} ELSE 0 END`,
        )
        .join(' + '),
    sql: {
      duckdb:
        "CASE WHEN list_contains(['paid', '已付款']::VARCHAR[], '已付款') THEN 100 ELSE 0 END + CASE WHEN list_contains(['paid', '已付款']::VARCHAR[], 'unpaid') THEN 10 ELSE 0 END + CASE WHEN list_contains(['paid', '已付款']::VARCHAR[], CAST(NULL AS VARCHAR)) THEN 1 ELSE 0 END",
      clickhouse:
        "CASE WHEN '已付款' IN ('paid', '已付款') THEN 100 ELSE 0 END + CASE WHEN 'unpaid' IN ('paid', '已付款') THEN 10 ELSE 0 END + CASE WHEN CAST(NULL AS Nullable(String)) IN ('paid', '已付款') THEN 1 ELSE 0 END",
    },
    value: 100,
  },
  {
    title: 'a NULL as a double, still NULL (ClickHouse: CAST rejects NULL)',
    expr: (d) => d.castDouble(d.nullOf('integer')),
    sql: {
      duckdb: 'CAST(CAST(NULL AS BIGINT) AS DOUBLE)',
      clickhouse: 'toFloat64(CAST(NULL AS Nullable(Int64)))',
    },
    value: null,
  },
  {
    title: 'a typed NULL (a bare CAST(NULL AS Int64) fails on ClickHouse)',
    expr: (d) => d.nullOf('integer'),
    sql: { duckdb: 'CAST(NULL AS BIGINT)', clickhouse: 'CAST(NULL AS Nullable(Int64))' },
    value: null,
  },
]

const UNIQ_D = 'groupUniqArray(d)'
const DAYS = `arraySort(arrayMap(d_ -> toRelativeDayNum(d_), ${UNIQ_D}))`
const SORTED_X = 'arraySort(groupArray(toFloat64(x)))'
const H = `((length(${SORTED_X}) - 1) * 0.3)`
const AT = (f: string) => `${SORTED_X}[toUInt64(${f}(${H})) + 1]`
const AGGREGATES: (Omit<Case, 'value'> & { value: [unknown, unknown] })[] = [
  {
    title: 'the second-largest distinct date, NULL with one date',
    expr: (d) => d.secondLargestDistinct('d'),
    sql: {
      duckdb: "list_sort(list_distinct(list(d)), 'DESC')[2]",
      clickhouse: `if(length(arrayReverseSort(${UNIQ_D})) >= 2, arrayReverseSort(${UNIQ_D})[2], NULL)`,
    },
    value: ['2024-01-11', null],
  },
  {
    // Distinct days 1, 11, 31: gaps 10 and 20, sample sd √50.
    title: 'the spread of gaps between distinct dates (18.16: arrayDifference rejects Date)',
    expr: (d) => d.gapStddevDays('d'),
    sql: {
      duckdb:
        "list_aggregate(list_transform(list_zip(list_sort(list_distinct(list(d)))[2:], list_sort(list_distinct(list(d)))[:-2]), p -> date_diff('day', p[2], p[1])), 'stddev_samp')",
      clickhouse: `if(length(${DAYS}) >= 3, arrayReduce('stddevSamp', arrayPopFront(arrayDifference(${DAYS}))), NULL)`,
    },
    value: [Math.sqrt(50), null],
  },
  {
    title: 'the value on the row with the largest key',
    expr: (d) => d.argMax('s', 'x'),
    sql: { duckdb: 'arg_max(s, x)', clickhouse: 'argMax(s, x)' },
    value: ['b', null],
  },
  {
    title: 'the value on the row with the smallest key',
    expr: (d) => d.argMin('x', 'd'),
    sql: { duckdb: 'arg_min(x, d)', clickhouse: 'argMin(x, d)' },
    value: [1, null],
  },
  {
    title: 'distinct texts in order, NULL (not empty) when there are none',
    expr: (d) => d.stringAgg('s', '|'),
    sql: {
      duckdb: "string_agg(DISTINCT s, '|' ORDER BY s)",
      clickhouse:
        "if(empty(arraySort(groupUniqArray(s))), NULL, arrayStringConcat(arrayMap(v_ -> toString(v_), arraySort(groupUniqArray(s))), '|'))",
    },
    value: ['a|b', null],
  },
  {
    // Sorted 1, 2, 4, 10: position 3 × 0.3 = 0.9, so 1 + 0.9 × (2 − 1).
    title: 'the interpolated quantile (18.16 has no quantileExactInclusive)',
    expr: (d) => d.quantileCont('x', 0.3),
    sql: {
      duckdb: 'quantile_cont(x, 0.3)',
      clickhouse: `if(length(${SORTED_X}) = 0, NULL, ${AT('floor')} + (${H} - floor(${H})) * (${AT('ceil')} - ${AT('floor')}))`,
    },
    value: [1.9, null],
  },
  {
    title: 'distinct values, 0 (18.16: NULL) when all are NULL',
    expr: (d) => d.countDistinct('s'),
    sql: { duckdb: 'count(DISTINCT s)', clickhouse: 'coalesce(uniqExact(s), 0)' },
    value: [2, 0],
  },
]

const TRICKY = ["it's", 'back\\slash', "\\'", 'a\nb\tc', '中文 ¥', '$name', "'; DROP TABLE g; --"]

for (const name of ENGINES) {
  describe(`${name}: dialect`, () => {
    const e = () => engines[name]!

    it.each(SCALARS)('writes $title', async (c) => {
      expect(c.expr(e().dialect)).toBe(c.sql[name])
      expect(await value(e(), c.sql[name])).toEqual(c.value)
    })

    it.each(TRICKY)('quotes the string %j so that it comes back unchanged', async (s) => {
      expect(await value(e(), e().dialect.quoteString(s))).toBe(s)
    })

    it('quotes identifiers with their own quote character inside', async () => {
      const q = e().dialect.quoteIdentifier('we`ird"name')
      expect(q).toBe(name === 'duckdb' ? '"we`ird""name"' : '`we\\`ird"name`')
      expect(Object.keys((await e().all(`SELECT 1 AS ${q}`))[0]!)).toEqual(['we`ird"name'])
    })

    it('joins on a key, leaving NULL (not 0) where the right side has no row', async () => {
      const d = e().dialect
      const sql = d.leftJoin('SELECT 1 AS k', 'SELECT 2 AS k, 3 AS b', 'k')
      expect(sql).toBe(
        name === 'duckdb'
          ? '(SELECT 1 AS k) AS l LEFT JOIN (SELECT 2 AS k, 3 AS b) AS r USING ("k")'
          : '(SELECT 1 AS k) AS l ALL LEFT JOIN (SELECT 2 AS k, 3 AS b) AS r USING (`k`)',
      )
      expect(await e().all(`SELECT k, b FROM ${sql}`)).toEqual([{ k: 1, b: null }])
    })

    it('joins on a key, keeping only the rows both sides have', async () => {
      const d = e().dialect
      const sql = d.innerJoin('SELECT 1 AS k, 2 AS a', 'SELECT 1 AS k, 3 AS b', 'k')
      expect(sql).toBe(
        name === 'duckdb'
          ? '(SELECT 1 AS k, 2 AS a) AS l JOIN (SELECT 1 AS k, 3 AS b) AS r USING ("k")'
          : '(SELECT 1 AS k, 2 AS a) AS l ALL INNER JOIN (SELECT 1 AS k, 3 AS b) AS r USING (`k`)',
      )
      expect(await e().all(`SELECT k, a, b FROM ${sql}`)).toEqual([{ k: 1, a: 2, b: 3 }])
      const none = d.innerJoin('SELECT 1 AS k', 'SELECT 2 AS k', 'k')
      expect(await e().all(`SELECT k FROM ${none}`)).toEqual([])
    })

    it('ranks the distinct values of a relation without window functions where it must', async () => {
      // x holds 1, 2, 10, 4 and a NULL; one more 2 makes a tie.
      const ranks = e().dialect.valueRanks('SELECT x FROM g UNION ALL SELECT 2', 'x')
      const rows = await e().all(`SELECT v, ties, below, n FROM (${ranks}) AS r ORDER BY v`)
      expect(rows.map((r) => [r.v, r.ties, r.below, r.n].map(Number))).toEqual([
        [1, 1, 0, 5],
        [2, 2, 1, 5],
        [4, 1, 3, 5],
        [10, 1, 4, 5],
      ])
    })

    it('takes 32 bits of a row hash to sum (ClickHouse keeps the hash as text)', async () => {
      const d = e().dialect
      const hash =
        name === 'duckdb' ? "CAST('340282366920938463463374607431768211455' AS UHUGEINT)" : "'h'"
      expect(d.rowHash32(hash)).toBe(
        name === 'duckdb'
          ? `CAST(${hash} >> 96 AS UBIGINT)`
          : `intDiv(cityHash64(${hash}), 4294967296)`,
      )
      const v = Number(await value(e(), d.rowHash32(hash)))
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true)
      if (name === 'duckdb') expect(v).toBe(2 ** 32 - 1)
    })

    it('creates a kept table whose nullable columns take NULL and the others refuse it', async () => {
      const d = e().dialect
      const ddl = d.createTable(
        'kept',
        [
          { name: 'id', type: 'integer', notNull: true },
          { name: 'made', type: 'timestamp' },
          { name: 'note', type: 'text' },
        ],
        { orderBy: ['id'], partitionBy: 'id' },
      )
      expect(ddl).toBe(
        name === 'duckdb'
          ? 'CREATE TABLE IF NOT EXISTS "kept" ("id" INTEGER NOT NULL, "made" TIMESTAMP, "note" VARCHAR)'
          : 'CREATE TABLE IF NOT EXISTS `kept` (`id` Int32, `made` Nullable(DateTime), `note` Nullable(String)) ENGINE = MergeTree PARTITION BY `id` ORDER BY (`id`)',
      )
      await e().run(ddl)
      await e().run(ddl)
      await e().run('INSERT INTO kept SELECT 1, NULL, NULL')
      await expect(e().run('INSERT INTO kept SELECT NULL, NULL, NULL')).rejects.toThrow()
      expect(await e().all('SELECT id, made, note FROM kept')).toEqual([
        { id: 1, made: null, note: null },
      ])
      await e().run('DROP TABLE kept')
    })

    it.each(AGGREGATES)('aggregates $title', async (c) => {
      expect(c.expr(e().dialect)).toBe(c.sql[name])
      const rows = await e().all<{ v: unknown }>(
        `SELECT id, ${c.sql[name]} AS v FROM g GROUP BY id ORDER BY id`,
      )
      const got = rows.map((r) => plain(r.v))
      if (typeof c.value[0] === 'number') {
        expect(got[0] as number).toBeCloseTo(c.value[0], 12)
        expect(got[1]).toEqual(c.value[1])
      } else expect(got).toEqual(c.value)
    })

    it('rejects impossible dates and quantiles', () => {
      expect(() => e().dialect.dateLiteral('2024/01/01')).toThrow('invalid date: 2024/01/01')
      expect(() => e().dialect.quantileCont('x', 1.5)).toThrow('invalid quantile: 1.5')
    })
  })
}

const clickhouse = new ClickHouseDialect()
describe('clickhouse: helpers for imports', () => {
  it.each([
    ['parseDate', () => clickhouse.parseDate()],
    ['parseNumber', () => clickhouse.parseNumber()],
    ['slashDatePart', () => clickhouse.slashDatePart()],
  ])('says %s is not supported and where imports go instead', (helper, call) => {
    const err = (() => {
      try {
        return call()
      } catch (x) {
        return x
      }
    })() as EngineError
    expect(err).toBeInstanceOf(EngineError)
    expect(err.code).toBe('ENGINE_NOT_SUPPORTED')
    expect(err.message).toBe(
      `ClickHouse: ${helper} is not supported; import files into a DuckDB store, then load its tables into ClickHouse`,
    )
  })
})
