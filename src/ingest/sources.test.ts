import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEngine, type Engine } from '../engine/index.js'
import { importFiles } from './import-files.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-sources-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const write = (name: string, content: string) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

let engine: Engine
beforeEach(async () => {
  engine = await openEngine(':memory:')
})
afterEach(() => engine.close())

const orders = () =>
  engine.all(
    `SELECT customer_id, strftime(date, '%Y-%m-%d') AS date, amount, attributes
     FROM transactions ORDER BY source_line`,
  )

async function workbook(name: string, sheets: Record<string, unknown[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook()
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet)
    for (const row of rows) ws.addRow(row)
  }
  const path = join(dir, name)
  await wb.xlsx.writeFile(path)
  return path
}

describe('.xlsx', () => {
  const ORDERS = [
    ['客户编号', '下单时间', '实付金额', '备注'],
    ['C1', new Date(Date.UTC(2024, 0, 5)), 100, 'a'],
    [
      'C2',
      new Date(Date.UTC(2024, 0, 6, 13, 45)),
      '¥1,200',
      { richText: [{ text: 'b' }, { text: 'c' }] },
    ],
    ['C3', 45297, { formula: '1+2', result: 3 }, null],
  ]

  it('reads the first sheet when none is named: real Excel dates, serials, formulas, rich text', async () => {
    const file = await workbook('book.xlsx', { Orders: ORDERS, Notes: [['hello']] })
    const r = await importFiles(engine, [file])
    expect(r.files[0]).toMatchObject({ kind: 'transactions', format: 'xlsx', rows: 3 })
    expect(await orders()).toEqual([
      { customer_id: 'C1', date: '2024-01-05', amount: 100, attributes: '{"备注":"a"}' },
      { customer_id: 'C2', date: '2024-01-06', amount: 1200, attributes: '{"备注":"bc"}' },
      { customer_id: 'C3', date: '2024-01-06', amount: 3, attributes: '{"备注":null}' },
    ])
  })

  it('reads the sheet the mapping names', async () => {
    const file = await workbook('two.xlsx', { Notes: [['hello']], Orders: ORDERS })
    const r = await importFiles(engine, [file], { mapping: { sheet: 'Orders' } })
    expect(r.files[0]?.rows).toBe(3)
  })

  it('names the sheets there are when the named one is missing', async () => {
    const file = await workbook('sheets.xlsx', { Notes: [['hello']], Orders: ORDERS })
    const r = await importFiles(engine, [file], { mapping: { sheet: '订单' } })
    expect(r.issues).toEqual([
      {
        code: 'INGEST_BAD_HEADER',
        file,
        message: 'the workbook has sheets: Notes, Orders',
        value: '订单',
      },
    ])
  })

  it('gives the Excel row of a bad value, counting blank rows above it', async () => {
    const file = await workbook('bad.xlsx', {
      Orders: [ORDERS[0]!, ORDERS[1]!, [], ['C9', 'not a date', 5, null]],
    })
    expect((await importFiles(engine, [file])).issues).toEqual([
      {
        code: 'INGEST_BAD_DATE',
        file,
        line: 4,
        column: '下单时间',
        path: 'date',
        value: 'not a date',
        message: 'expected a date such as 2024-01-05, 2024/1/5, 20240105 or 2024年1月5日',
      },
    ])
  })

  it('reports a row with values right of the last header by its Excel row', async () => {
    const file = await workbook('wide.xlsx', {
      Orders: [
        ['customer_id', 'date', 'amount'],
        ['C1', '2024-01-05', 1],
        ['C2', '2024-01-05', 2, 'stray'],
      ],
    })
    expect((await importFiles(engine, [file])).issues).toEqual([
      {
        code: 'INGEST_BAD_ROW',
        file,
        line: 3,
        message: 'too many columns: Expected Number of Columns: 3 Found: 4',
      },
    ])
  })

  it('rejects an empty sheet', async () => {
    const file = await workbook('empty.xlsx', { Sheet1: [] })
    expect((await importFiles(engine, [file])).issues).toEqual([
      { code: 'INGEST_EMPTY_FILE', file, message: 'expected a header row and data rows' },
    ])
  })
})

describe('Parquet', () => {
  it('reads typed columns written by DuckDB, keeping extra columns as attributes', async () => {
    const file = join(dir, 'orders.parquet')
    await engine.run(
      `COPY (SELECT 'C' || i AS customer_id, DATE '2024-01-01' + CAST(i AS INTEGER) AS order_date,
              CAST(i * 1.5 AS DECIMAL(10, 2)) AS amount, i % 2 = 0 AS vip FROM range(3) t(i))
       TO '${file}' (FORMAT parquet)`,
    )
    const r = await importFiles(engine, [file])
    expect(r.files[0]).toMatchObject({
      format: 'parquet',
      kind: 'transactions',
      rows: 3,
      attributes: ['vip'],
    })
    expect(await orders()).toEqual([
      { customer_id: 'C0', date: '2024-01-01', amount: 0, attributes: '{"vip":"true"}' },
      { customer_id: 'C1', date: '2024-01-02', amount: 1.5, attributes: '{"vip":"false"}' },
      { customer_id: 'C2', date: '2024-01-03', amount: 3, attributes: '{"vip":"true"}' },
    ])
  })

  it('names the record of a bad value, as Parquet has no lines', async () => {
    const file = join(dir, 'bad.parquet')
    await engine.run(
      `COPY (SELECT * FROM (VALUES ('C1', '2024-01-05', '1'), ('C2', '2024-01-05', 'lots')) t(customer_id, date, amount))
       TO '${file}' (FORMAT parquet)`,
    )
    expect((await importFiles(engine, [file])).issues).toEqual([
      {
        code: 'INGEST_BAD_NUMBER',
        file,
        row: 2,
        column: 'amount',
        path: 'amount',
        value: 'lots',
        message: 'expected a number such as 1234.50, ¥1,234.50 or (12.00)',
      },
    ])
  })
})

describe('JSON', () => {
  it('reads a JSON array whose amounts mix numbers and strings, without JSON quotes', async () => {
    const file = write(
      'orders.json',
      JSON.stringify([
        { customer_id: 'C1', date: '2024-01-05', amount: 5, tag: 'a' },
        { customer_id: 'C2', date: '2024-01-06', amount: '¥1,200', tag: null },
      ]),
    )
    const r = await importFiles(engine, [file])
    expect(r.files[0]).toMatchObject({ format: 'json', rows: 2 })
    expect(await orders()).toEqual([
      { customer_id: 'C1', date: '2024-01-05', amount: 5, attributes: '{"tag":"a"}' },
      { customer_id: 'C2', date: '2024-01-06', amount: 1200, attributes: '{"tag":null}' },
    ])
  })

  it('names the record of a bad value in a JSON array', async () => {
    const file = write(
      'bad.json',
      JSON.stringify([
        { customer_id: 'C1', date: '2024-01-05', amount: 5 },
        { customer_id: 'C2', date: '2024-01-06', amount: 'x' },
      ]),
    )
    expect((await importFiles(engine, [file])).issues).toMatchObject([
      { code: 'INGEST_BAD_NUMBER', row: 2, value: 'x' },
    ])
  })

  it('reads NDJSON and names the line of a bad value', async () => {
    const good = write('orders.ndjson', '{"customer_id":"C1","date":"2024-01-05","amount":5}\n')
    expect((await importFiles(engine, [good])).files[0]?.rows).toBe(1)
    const file = write(
      'bad.jsonl',
      '{"customer_id":"C1","date":"2024-01-05","amount":5}\n{"customer_id":"C2","date":"someday","amount":6}\n',
    )
    expect((await importFiles(engine, [file])).issues).toEqual([
      {
        code: 'INGEST_BAD_DATE',
        file,
        line: 2,
        column: 'date',
        path: 'date',
        value: 'someday',
        message: 'expected a date such as 2024-01-05, 2024/1/5, 20240105 or 2024年1月5日',
      },
    ])
  })

  it('rejects text that is not JSON, with the reader’s reason', async () => {
    const file = write('broken.json', '[{"customer_id": "C1",')
    expect((await importFiles(engine, [file])).issues).toEqual([
      {
        code: 'INGEST_BAD_ROW',
        file,
        message: `Invalid Input Error: Malformed JSON in file "${file}", at byte 22 in record/value 2: unexpected end of data. `,
      },
    ])
  })
})
