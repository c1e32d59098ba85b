import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDBEngine } from './duckdb-engine.js'

let engine: DuckDBEngine
beforeAll(async () => {
  engine = await DuckDBEngine.open(':memory:')
})
afterAll(() => engine.close())

async function value(sql: string): Promise<unknown> {
  const rows = await engine.all<{ v: unknown }>(`SELECT ${sql} AS v`)
  return rows[0]?.v
}
const iso = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)

describe('duckdb dialect', () => {
  const d = () => engine.dialect

  it('quotes identifiers and strings by doubling the quote', () => {
    expect(d().quoteIdentifier('a"b')).toBe('"a""b"')
    expect(d().quoteString("it's")).toBe("'it''s'")
  })

  it('writes date helpers that DuckDB evaluates as expected', async () => {
    expect(d().daysBetween("DATE '2024-01-01'", "DATE '2024-03-01'")).toBe(
      "date_diff('day', DATE '2024-01-01', DATE '2024-03-01')",
    )
    expect(await value(d().daysBetween("DATE '2024-01-01'", "DATE '2024-03-01'"))).toBe(60)
    expect(iso(await value(d().dateTrunc('month', "DATE '2024-02-17'")))).toBe('2024-02-01')
    expect(iso(await value(d().addDays("DATE '2024-02-28'", '2')))).toBe('2024-03-01')
    expect(() => d().dateLiteral('2024/01/01')).toThrow('invalid date: 2024/01/01')
    expect(() => d().quantileCont('x', 1.5)).toThrow('invalid quantile: 1.5')
  })

  it.each([
    ['2024-01-05', '2024-01-05'],
    ['2024/1/5', '2024-01-05'],
    ['2024.01.05', '2024-01-05'],
    ['20240105', '2024-01-05'],
    ['2024年1月5日', '2024-01-05'],
    ['2024年01月05日 13:45:00', '2024-01-05'],
    ['2024-01-05T23:59:59Z', '2024-01-05'],
    ['2024-01-05 08:00', '2024-01-05'],
    ['45296', '2024-01-05'], // Excel serial: days since 1899-12-30
    ['45296.75', '2024-01-05'],
    ['5 Jan 2024', '2024-01-05'],
    ['Jan 5, 2024', '2024-01-05'],
    ['05-Jan-2024', '2024-01-05'],
    ['  2024-1-5  ', '2024-01-05'],
  ])('parses the date %j as %s', async (text, expected) => {
    expect(iso(await value(d().parseDate(d().quoteString(text), false)))).toBe(expected)
  })

  it('reads d/m/y or m/d/y as told, and two-digit years as 20xx', async () => {
    expect(iso(await value(d().parseDate("'03/02/2024'", true)))).toBe('2024-02-03')
    expect(iso(await value(d().parseDate("'03/02/2024'", false)))).toBe('2024-03-02')
    expect(iso(await value(d().parseDate("'3.2.24'", true)))).toBe('2024-02-03')
    expect(await value(d().slashDatePart("'13/02/2024'", 1))).toBe(13)
    expect(await value(d().slashDatePart("'13/02/2024'", 2))).toBe(2)
    expect(await value(d().slashDatePart("'2024-02-13'", 1))).toBe(null)
  })

  it.each(['2024-02-30', 'yesterday', '2024-13-01', '13/13/2024', '0', 'abc 2024'])(
    'gives NULL for the impossible date %j',
    async (text) => {
      expect(await value(d().parseDate(d().quoteString(text), true))).toBe(null)
    },
  )

  it.each([
    ['1,234.50', 1234.5],
    ['¥1,234.50', 1234.5],
    ['￥ 86,000', 86000],
    ['$12.00', 12],
    ['(123.40)', -123.4],
    ['（50）', -50],
    ['-7', -7],
    ['1.5万', 15000],
    ['2亿', 200000000],
    ['RMB 300', 300],
    ['300元', 300],
    ['1.234,56', 1234.56],
    ['1e3', 1000],
  ])('parses the amount %j as %d', async (text, expected) => {
    expect(await value(d().parseNumber(d().quoteString(text)))).toBeCloseTo(expected, 9)
  })

  it.each(['12abc', 'N/A', '1.2.3', '--5', 'inf', 'NaN'])(
    'gives NULL for the non-number %j',
    async (text) => {
      expect(await value(d().parseNumber(d().quoteString(text)))).toBe(null)
    },
  )

  it('gives NULL for empty text rather than zero', async () => {
    expect(await value(d().parseNumber("'  '"))).toBe(null)
    expect(await value(d().parseDate("''", false))).toBe(null)
  })
})

describe('duckdb dialect aggregates', () => {
  it('finds the second-largest distinct date and the spread of gaps between dates', async () => {
    await engine.run(
      `CREATE OR REPLACE TEMP TABLE g AS SELECT * FROM (VALUES ('a', DATE '2024-01-01'), ('a', DATE '2024-01-11'),
        ('a', DATE '2024-01-31'), ('a', DATE '2024-01-31'), ('b', DATE '2024-05-01')) t(id, d)`,
    )
    const d = engine.dialect
    const rows = await engine.all(
      `SELECT id, ${d.secondLargestDistinct('d')} AS second, ${d.gapStddevDays('d')} AS sd,
        ${d.argMax('id', 'd')} AS latest FROM g GROUP BY id ORDER BY id`,
    )
    // a: distinct days 1, 11, 31 → gaps 10 and 20 → sample sd = sqrt(((10-15)² + (20-15)²)/1) = 7.0711
    expect(iso(rows[0]!.second)).toBe('2024-01-11')
    expect(rows[0]!.sd as number).toBeCloseTo(Math.sqrt(50), 9)
    expect(rows[1]).toMatchObject({ id: 'b', second: null, sd: null })
    expect(await value(`${d.castText('42')} || 'x'`)).toBe('42x')
  })

  it('reads purchase days alone for the second-last day and the gaps, as the list aggregates do', async () => {
    // a: purchases on days 1, 11, 31 with a refund-only day 20 between; b: one purchase day.
    await engine.run(
      `CREATE OR REPLACE TEMP TABLE days AS SELECT * FROM (VALUES ('a', DATE '2024-01-01', 1),
        ('a', DATE '2024-01-11', 1), ('a', DATE '2024-01-20', 0), ('a', DATE '2024-01-31', 1),
        ('b', DATE '2024-05-01', 1), ('b', DATE '2024-05-09', 0)) t(customer_id, date, p)`,
    )
    const d = engine.dialect
    const g = d.purchaseDayGaps('days')
    const purchase = 'CASE WHEN p = 1 THEN date END'
    const rows = await engine.all(
      `SELECT customer_id, ${g.secondLast} AS second, ${g.gapStddev} AS sd FROM ${g.from} AS x
       GROUP BY customer_id ORDER BY customer_id`,
    )
    const lists = await engine.all(
      `SELECT customer_id, ${d.secondLargestDistinct(purchase)} AS second, ${d.gapStddevDays(purchase)} AS sd
       FROM days GROUP BY customer_id ORDER BY customer_id`,
    )
    expect(iso(rows[0]!.second)).toBe('2024-01-11')
    expect(rows[0]!.sd as number).toBeCloseTo(Math.sqrt(50), 12)
    expect(rows[1]).toMatchObject({ customer_id: 'b', second: null, sd: null })
    expect(rows).toEqual(lists)
  })
})
