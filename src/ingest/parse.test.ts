import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEngine, type Engine } from '../engine/index.js'
import { importFiles } from './import-files.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-parse-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
const write = (text: string) => {
  const path = join(dir, `orders-${++n}.csv`)
  writeFileSync(path, text)
  return path
}

let engine: Engine
beforeEach(async () => {
  engine = await openEngine(':memory:')
})
afterEach(() => engine.close())

/** Imports `customer_id,<header>` rows and returns the stored rows in file order. */
async function stored(header: string, values: readonly string[], extra = '') {
  const body = values.map((v, i) => `C${i},${v}`).join('\n')
  const r = await importFiles(engine, [write(`customer_id,${header}\n${body}\n`)], {
    kind: 'transactions',
  })
  expect(r.issues).toEqual([])
  return engine.all(
    `SELECT strftime(date, '%Y-%m-%d') AS date, amount${extra} FROM transactions ORDER BY source_line`,
  )
}

describe('dates', () => {
  it('reads every common date form as the same day, ignoring a time of day', async () => {
    const forms = [
      '2024-01-05',
      '2024/1/5',
      '2024.01.05',
      '20240105',
      '2024年1月5日',
      '2024-01-05 13:45:10',
      '2024-01-05T23:59:59Z',
      '2024/01/05 08:00',
      '45296',
      '45296.75',
    ]
    const rows = await stored(
      'date,amount',
      forms.map((f) => `${f},1`),
    )
    expect(rows.map((r) => r.date)).toEqual(forms.map(() => '2024-01-05'))
  })

  it('reads a column day-first when one row has a first number above 12', async () => {
    const rows = await stored('date,amount', ['01/02/2024,1', '13/02/2024,1', '05/06/2024,1'])
    expect(rows.map((r) => r.date)).toEqual(['2024-02-01', '2024-02-13', '2024-06-05'])
  })

  it('reads a column month-first when one row has a second number above 12', async () => {
    const rows = await stored('date,amount', ['01/02/2024,1', '02/13/2024,1'])
    expect(rows.map((r) => r.date)).toEqual(['2024-01-02', '2024-02-13'])
  })

  it('rejects a column where no row decides between day-first and month-first', async () => {
    const file = write(
      'customer_id,date,amount\nC1,01/02/2024,1\nC2,03/04/2024,1\nC3,05/05/2024,1\n',
    )
    const r = await importFiles(engine, [file])
    expect(r.issues).toEqual([
      {
        code: 'INGEST_AMBIGUOUS_DATE',
        file,
        column: 'date',
        message:
          '2 dates such as 01/02/2024 read as either day/month or month/day and no row decides which; set dateOrder: DMY or MDY in a mapping file (--mapping) or pass --date-order',
      },
    ])
  })

  it('reads an ambiguous column in the order the mapping gives', async () => {
    const file = write('customer_id,date,amount\nC1,01/02/2024,1\nC2,03/04/2024,1\n')
    await importFiles(engine, [file], { mapping: { dateOrder: 'DMY' } })
    expect(
      await engine.all(`SELECT strftime(date, '%Y-%m-%d') AS d FROM transactions ORDER BY 1`),
    ).toEqual([{ d: '2024-02-01' }, { d: '2024-04-03' }])
  })

  it('rejects a column that mixes day-first and month-first rows', async () => {
    const file = write('customer_id,date,amount\nC1,13/02/2024,1\nC2,02/13/2024,1\n')
    expect((await importFiles(engine, [file])).issues).toEqual([
      {
        code: 'INGEST_AMBIGUOUS_DATE',
        file,
        column: 'date',
        message:
          'some dates are day-first (1 rows with a first number above 12) and some month-first (1 rows with a second number above 12); make the column consistent',
      },
    ])
  })

  it('rejects a date that does not exist rather than rolling it over', async () => {
    const file = write('customer_id,date,amount\nC1,2023-02-29,1\n')
    expect((await importFiles(engine, [file])).issues).toMatchObject([
      { code: 'INGEST_BAD_DATE', line: 2, value: '2023-02-29' },
    ])
  })
})

describe('amounts', () => {
  it.each([
    ['1,234.50', 1234.5],
    ['¥1,234.50', 1234.5],
    ['￥ 86,000', 86000],
    ['$12.00', 12],
    ['(123.40)', -123.4],
    ['1.5万', 15000],
    ['-7', -7],
    ['1.234,56', 1234.56],
    ['12,50', 12.5],
    ['1,5', 1.5],
  ])('reads %j as %d', async (text, value) => {
    const rows = await stored('date,amount', [`2024-01-05,"${text}"`])
    expect(rows[0]?.amount).toBeCloseTo(value, 9)
  })

  it.each(['1,2345', '12,3,4', '1,23,456'])(
    'rejects %j rather than dropping a comma that is neither a thousands nor a decimal mark',
    async (text) => {
      const file = write(`customer_id,date,amount\nC1,2024-01-05,"${text}"\n`)
      expect((await importFiles(engine, [file])).issues).toMatchObject([
        { code: 'INGEST_BAD_NUMBER', line: 2, value: text },
      ])
    },
  )

  it('rejects a value that is not a number, naming it', async () => {
    const file = write('customer_id,date,amount\nC1,2024-01-05,N/A\n')
    expect((await importFiles(engine, [file])).issues).toEqual([
      {
        code: 'INGEST_BAD_NUMBER',
        file,
        line: 2,
        column: 'amount',
        path: 'amount',
        value: 'N/A',
        message: 'expected a number such as 1234.50, ¥1,234.50 or (12.00)',
      },
    ])
  })
})

describe('order status', () => {
  it('normalises Chinese and English statuses and stores refunds as negative amounts', async () => {
    const statuses = ['已完成', '已退款', '取消', 'refunded', 'Cancelled', '', 'REFUND']
    const rows = await stored(
      'date,amount,profit,status',
      statuses.map((s) => `2024-01-05,100,30,${s}`),
      ', profit, status',
    )
    expect(rows.map((r) => [r.status, r.amount, r.profit])).toEqual([
      ['completed', 100, 30],
      ['refunded', -100, -30],
      ['cancelled', 100, 30],
      ['refunded', -100, -30],
      ['cancelled', 100, 30],
      ['completed', 100, 30],
      ['refunded', -100, -30],
    ])
  })

  it('keeps a refund already written as a negative amount negative, not positive', async () => {
    const rows = await stored('date,amount,status', ['2024-01-05,-40,已退款'])
    expect(rows[0]?.amount).toBe(-40)
  })

  it('rejects an unknown status with its value', async () => {
    const file = write(
      'customer_id,date,amount,status\nC1,2024-01-05,1,已完成\nC2,2024-01-05,1,在途\n',
    )
    expect((await importFiles(engine, [file])).issues).toEqual([
      {
        code: 'INGEST_BAD_ROW',
        file,
        line: 3,
        column: 'status',
        path: 'status',
        value: '在途',
        message:
          'expected an order status (completed/complete, refunded/refund, cancelled/canceled…)',
      },
    ])
  })
})

describe('text values', () => {
  it('trims spaces, no-break spaces and full-width spaces around a value; all blank is no value', async () => {
    const cells = [
      ' 华东 ',
      '\u00a0North\u00a0',
      '\u3000西南\u3000',
      'plain',
      '   ',
      '"a, b"',
      ' 中 间 ',
    ]
    const rows = await stored(
      'date,amount,channel',
      cells.map((c) => `2024-01-05,1,${c}`),
      ', channel',
    )
    expect(rows.map((r) => r.channel)).toEqual([
      '华东',
      'North',
      '西南',
      'plain',
      null,
      'a, b',
      '中 间',
    ])
  })

  it('keeps the customer id as written inside its spaces, so the same customer is one customer', async () => {
    const r = await importFiles(
      engine,
      [
        write(
          'customer_id,date,amount\n C1 ,2024-01-05,1\nC1,2024-01-06,2\n\u3000C1,2024-01-07,3\n',
        ),
      ],
      { kind: 'transactions' },
    )
    expect(r.issues).toEqual([])
    expect(await engine.all('SELECT DISTINCT customer_id FROM transactions')).toEqual([
      { customer_id: 'C1' },
    ])
  })
})
