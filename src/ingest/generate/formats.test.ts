import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine } from '../../engine/index.js'
import { COLUMNS, headers } from './columns.js'
import { WORKBOOK_NAME, generateDataset, type GenerateResult } from './generate.js'
import { GENERATED_TABLES, type GenerateOptions } from './options.js'
import { writeWorkbook } from './xlsx-writer.js'

const root = mkdtempSync(join(tmpdir(), 'generate-formats-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const OPTIONS: Omit<GenerateOptions, 'outDir'> = {
  customers: 200,
  seed: 3,
  lang: 'en',
  format: ['csv', 'parquet', 'xlsx'],
  withTime: true,
}
let result: GenerateResult
beforeAll(async () => {
  result = await generateDataset({ ...OPTIONS, outDir: join(root, 'a') })
})
const rowsOf = (table: string) =>
  result.files.find((f) => f.table === table && f.format === 'csv')!.rows

describe('parquet output', () => {
  it('reads back in DuckDB with every row and typed columns', async () => {
    const engine = await openEngine(':memory:')
    try {
      for (const table of GENERATED_TABLES) {
        const path = join(root, 'a', `${table}.parquet`)
        const [count] = await engine.all<{ n: number }>(
          `SELECT count(*) AS n FROM read_parquet('${path}')`,
        )
        expect(count?.n, table).toBe(rowsOf(table))
      }
      const orders = join(root, 'a', 'orders.parquet')
      const types = await engine.all<{ column_name: string; column_type: string }>(
        `DESCRIBE SELECT * FROM read_parquet('${orders}')`,
      )
      expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toMatchObject({
        order_id: 'VARCHAR',
        order_date: 'TIMESTAMP',
        amount: 'DOUBLE',
        quantity: 'BIGINT',
      })
      const customers = join(root, 'a', 'customers.parquet')
      const [phone] = await engine.all<{ t: string }>(
        `SELECT typeof(phone) AS t FROM read_parquet('${customers}') LIMIT 1`,
      )
      expect(phone?.t).toBe('VARCHAR')
      const csvTotal = readFileSync(join(root, 'a', 'orders.csv'), 'utf8')
        .trimEnd()
        .split('\n')
        .slice(1)
        .reduce((s, line) => s + Number(line.split(',')[3]), 0)
      const [sum] = await engine.all<{ s: number }>(
        `SELECT sum(amount) AS s FROM read_parquet('${orders}')`,
      )
      expect(sum?.s).toBeCloseTo(csvTotal, 4)
    } finally {
      await engine.close()
    }
  })
})

describe('xlsx output', () => {
  it('reads back in exceljs: one sheet per table, headers, every row, real dates', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(join(root, 'a', WORKBOOK_NAME))
    expect(workbook.worksheets.map((s) => s.name)).toEqual([...GENERATED_TABLES])
    for (const table of GENERATED_TABLES) {
      const sheet = workbook.getWorksheet(table)!
      expect(sheet.getRow(1).values, table).toEqual([undefined, ...headers(COLUMNS[table], 'en')])
      expect(sheet.rowCount - 1, table).toBe(rowsOf(table))
    }
    const firstOrder = workbook.getWorksheet('orders')!.getRow(2)
    expect(firstOrder.getCell(3).value).toBeInstanceOf(Date)
    expect(typeof firstOrder.getCell(4).value).toBe('number')
  })

  it('continues a table on a new sheet past the row limit', async () => {
    const source = join(root, 'rows.ndjson')
    writeFileSync(
      source,
      Array.from({ length: 25 }, (_, i) => JSON.stringify([`C${i}`])).join('\n'),
    )
    const path = join(root, 'split.xlsx')
    const column = {
      field: 'customer_id',
      kind: 'code',
      zh: '客户编号',
      en: 'customer_id',
    } as const
    const job = {
      name: 'customers',
      source,
      columns: [column],
      headers: ['客户编号'],
      withTime: false,
    }
    await writeWorkbook(path, [job], new Date(Date.UTC(2026, 0, 1)), 10)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(path)
    expect(workbook.worksheets.map((s) => [s.name, s.rowCount])).toEqual([
      ['customers', 11],
      ['customers (2)', 11],
      ['customers (3)', 6],
    ])
  })
})

/** The DOS date and time of every entry in a zip's central directory. */
function zipStamps(path: string): string[] {
  const zip = readFileSync(path)
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  let at = zip.readUInt32LE(eocd + 16)
  const stamps: string[] = []
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    const time = zip.readUInt16LE(at + 12)
    const day = zip.readUInt16LE(at + 14)
    const local = zip.readUInt32LE(at + 42)
    const localStamp = zip.readUInt32LE(local + 10)
    stamps.push(
      `${(day >> 9) + 1980}-${(day >> 5) & 15}-${day & 31} ${time >> 11}:${(time >> 5) & 63} ${localStamp === zip.readUInt32LE(at + 12)}`,
    )
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return stamps
}

describe('determinism of parquet and xlsx', () => {
  it('gives byte-identical Parquet files and workbooks for the same options', async () => {
    const again = await generateDataset({ ...OPTIONS, outDir: join(root, 'b') })
    for (const f of again.files) {
      const first = join(root, 'a', f.path.slice(join(root, 'b').length + 1))
      expect(readFileSync(f.path).equals(readFileSync(first)), f.path).toBe(true)
    }
  })

  it('stamps every workbook entry with the day after the period, in both zip headers', () => {
    const stamps = zipStamps(join(root, 'a', WORKBOOK_NAME))
    expect(stamps.length).toBeGreaterThan(10)
    expect(new Set(stamps)).toEqual(new Set(['2026-1-1 0:0 true']))
  })
})
