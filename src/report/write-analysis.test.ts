import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine, type Engine } from '../engine/index.js'
import { analysisOrderSql, writeAnalysis, type ProgressEvent, type WriteResult } from './index.js'
import { COLUMNS, SUMMARY, createFixtureTables } from './test-fixtures.js'

const root = mkdtempSync(join(tmpdir(), 'clientele-report-'))
let engine: Engine
let zh: WriteResult
const events: ProgressEvent[] = []
const zhDir = join(root, 'zh')

beforeAll(async () => {
  engine = await openEngine(':memory:')
  await createFixtureTables(engine)
  zh = await writeAnalysis(engine, {
    table: 'analysis',
    columns: COLUMNS,
    summary: SUMMARY,
    outDir: zhDir,
    lang: 'zh',
    formats: ['xlsx', 'csv', 'parquet', 'json'],
    actionsTable: 'actions',
    onProgress: (e) => events.push(e),
  })
})
afterAll(async () => {
  await engine.close()
  rmSync(root, { recursive: true, force: true })
})

async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(path)
  return workbook
}

const dataRows = (ws: ExcelJS.Worksheet | undefined) => (ws?.rowCount ?? 0) - 1

describe('writeAnalysis: files', () => {
  it('writes every format asked for plus actions.csv, counting the rows of each', () => {
    expect(zh).toEqual({
      files: [
        { format: 'parquet', path: join(zhDir, 'analysis.parquet'), rows: 13 },
        { format: 'csv', path: join(zhDir, 'analysis.csv'), rows: 13 },
        { format: 'csv', path: join(zhDir, 'actions.csv'), rows: 10 },
        { format: 'xlsx', path: join(zhDir, 'analysis.xlsx'), rows: 13 },
        { format: 'json', path: join(zhDir, 'summary.json'), rows: 3 },
      ],
      warnings: [],
    })
  })

  it('reports progress as rows are written, ending the xlsx stage at every data row', () => {
    const xlsx = events.filter((e) => e.stage === 'xlsx').map((e) => e.rows)
    expect(xlsx[0]).toBe(0)
    expect(xlsx.at(-1)).toBe(13 + 10)
    expect(xlsx).toEqual([...xlsx].sort((a, b) => (a ?? 0) - (b ?? 0)))
    expect(events.map((e) => e.stage)).toEqual(expect.arrayContaining(['csv', 'parquet', 'json']))
  })
})

describe('writeAnalysis: analysis.csv and actions.csv', () => {
  it('starts with a UTF-8 BOM so Excel reads Chinese, then a header of the stable column names', () => {
    const bytes = readFileSync(join(zhDir, 'analysis.csv'))
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\n')
    expect(lines[0]).toBe(COLUMNS.map((c) => c.name).join(','))
    expect(lines).toHaveLength(1 + 13)
    expect(lines[1]?.startsWith('C02,王氏贸易,A,优质,')).toBe(true)
  })

  it('round-trips Chinese text and the row order through a CSV reader', async () => {
    const rows = await engine.all(
      `SELECT customer_id, name, reason_zh FROM read_csv('${join(zhDir, 'analysis.csv')}')`,
    )
    expect(rows).toHaveLength(13)
    expect(rows[0]).toEqual({
      customer_id: 'C02',
      name: '王氏贸易',
      reason_zh: '最近一次购买在 4 天前,近 12 个月 13 单',
    })
  })

  it('writes actions.csv with a BOM and raw codes, planned actions first', () => {
    const text = readFileSync(join(zhDir, 'actions.csv'), 'utf8')
    const lines = text.trimEnd().split('\n')
    expect(lines[0]).toBe(
      '\uFEFFcustomer_id,tier,action,owner,priority,due,value_at_stake,status,reason',
    )
    expect(lines).toHaveLength(1 + 10)
    expect(lines.at(-1)).toMatch(
      /^C09,B,发送优惠券,王经理,10,2024-06-08,[\d.]+,left_out,按风险价值排序$/,
    )
  })
})

describe('writeAnalysis: analysis.parquet and summary.json', () => {
  it('writes every customer to Parquet with its values and types', async () => {
    const rows = await engine.all(
      `SELECT count(*) AS n, max(name) FILTER (WHERE customer_id = 'C05') AS name,
         max(last_purchase) AS last FROM read_parquet('${join(zhDir, 'analysis.parquet')}')`,
    )
    expect(rows).toEqual([{ n: 13, name: '刘记商行', last: new Date('2024-05-29T00:00:00Z') }])
  })

  it('writes summary.json with the agreed fields first and tier names in the chosen language', () => {
    const json: unknown = JSON.parse(readFileSync(join(zhDir, 'summary.json'), 'utf8'))
    const share = (n: number) => n / 13
    expect(json).toStrictEqual({
      asOf: '2024-06-01',
      policy: 'b2b-four-tiers',
      customers: 13,
      tiers: [
        {
          id: 'A',
          name: '优质',
          customers: 2,
          valueShare: share(2),
          customerShare: share(2),
          value: 2000,
          expected: { customers: [0.1, 0.2] },
          withinExpected: true,
        },
        {
          id: 'B',
          name: '发展',
          customers: 8,
          valueShare: share(8),
          customerShare: share(8),
          value: 8000,
          withinExpected: false,
        },
        {
          id: 'C',
          name: '边缘',
          customers: 3,
          valueShare: share(3),
          customerShare: share(3),
          value: 3000,
          withinExpected: false,
        },
      ],
      warnings: ['3 位客户只购买过一次,未参与 Gamma-Gamma 拟合'],
      policyHash: 'sha256:0f3a',
      valueIndicator: 'clv',
    })
    expect(Object.keys(json as object).slice(0, 5)).toEqual([
      'asOf',
      'policy',
      'customers',
      'tiers',
      'warnings',
    ])
  })
})

describe('writeAnalysis: a table stored in the output order (sorted)', () => {
  const ids = async (table: string, dir: string) => {
    await writeAnalysis(engine, {
      table,
      columns: COLUMNS,
      summary: SUMMARY,
      outDir: join(root, dir),
      lang: 'en',
      formats: ['csv', 'parquet'],
      sorted: true,
    })
    const csv = await engine.all<{ customer_id: string }>(
      `SELECT customer_id FROM read_csv('${join(root, dir, 'analysis.csv')}')`,
    )
    const parquet = await engine.all<{ customer_id: string }>(
      `SELECT customer_id FROM read_parquet('${join(root, dir, 'analysis.parquet')}')`,
    )
    expect(parquet).toEqual(csv)
    return csv.map((r) => r.customer_id)
  }

  it('copies a table made in analysisOrderSql order as stored, the same rows as a sorted copy', async () => {
    const order = analysisOrderSql(engine, ['A', 'B', 'C'], 'clv')
    await engine.run(`CREATE TABLE analysis_sorted AS SELECT * FROM analysis ORDER BY ${order}`)
    const unsorted = await engine.all<{ customer_id: string }>(
      `SELECT customer_id FROM read_csv('${join(zhDir, 'analysis.csv')}')`,
    )
    expect(await ids('analysis_sorted', 'sorted')).toEqual(unsorted.map((r) => r.customer_id))
    // Tier A, then B by CLV largest first (odd positions earn 1.5×), then C.
    expect(unsorted.slice(0, 4).map((r) => r.customer_id)).toEqual(['C02', 'C01', 'C04', 'C06'])
  })

  it('does not sort again: a table stored otherwise comes out as stored', async () => {
    await engine.run(
      `CREATE TABLE analysis_reversed AS SELECT * FROM analysis ORDER BY customer_id DESC`,
    )
    expect((await ids('analysis_reversed', 'reversed')).slice(0, 3)).toEqual(['C13', 'C12', 'C11'])
  })

  it('sorts anyway when the table holds a tier the summary does not list', async () => {
    await engine.run(
      `CREATE TABLE analysis_extra AS SELECT * FROM analysis
       UNION ALL SELECT * REPLACE ('C99' AS customer_id, 'Z' AS tier) FROM analysis WHERE customer_id = 'C01'
       ORDER BY customer_id DESC`,
    )
    const got = await ids('analysis_extra', 'extra')
    expect(got.slice(0, 2)).toEqual(['C02', 'C01'])
    expect(got.at(-1)).toBe('C99')
  })
})

describe("writeAnalysis: Excel's row limit", () => {
  it('keeps the rows that fit in a tier sheet, warns naming the tier, and writes the Parquet file with all rows', async () => {
    const dir = join(root, 'limit')
    const result = await writeAnalysis(engine, {
      table: 'analysis',
      columns: COLUMNS,
      summary: SUMMARY,
      outDir: dir,
      lang: 'zh',
      formats: ['xlsx', 'json'],
      excelRowLimit: 5,
    })
    const warning =
      '工作表「发展」有 8 行,超过 Excel 每个工作表 5 行的上限;表中只写入了前 5 行,全部数据见 analysis.parquet'
    expect(result.warnings).toEqual([warning])
    expect(result.files.map((f) => [f.format, f.rows, f.note])).toEqual([
      ['parquet', 13, '因 analysis.xlsx 放不下全部行而一并写出'],
      ['xlsx', 10, '部分工作表超过 Excel 行数上限,只写入了前面的行;全部数据见 analysis.parquet'],
      ['json', 3, undefined],
    ])
    const wb = await readWorkbook(join(dir, 'analysis.xlsx'))
    expect(dataRows(wb.getWorksheet('发展'))).toBe(5)
    expect(dataRows(wb.getWorksheet('优质'))).toBe(2)
    const summaryCells = wb.getWorksheet('汇总')!.getSheetValues().flat()
    expect(summaryCells).toContain(warning)
    const json = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as {
      warnings: string[]
    }
    expect(json.warnings).toEqual([...SUMMARY.warnings, warning])
  })

  it('warns in English about a cut actions sheet, pointing at actions.csv', async () => {
    const result = await writeAnalysis(engine, {
      table: 'analysis',
      columns: COLUMNS,
      summary: SUMMARY,
      outDir: join(root, 'limit-en'),
      lang: 'en',
      formats: ['xlsx', 'parquet'],
      actionsTable: 'actions',
      excelRowLimit: 9,
    })
    expect(result.warnings).toEqual([
      `Sheet "Actions" has 10 rows, more than Excel's 9 rows per sheet; it holds the first 9, and actions.csv has them all`,
    ])
  })
})

describe('writeAnalysis: mistakes', () => {
  it('rejects a column spec the table lacks, naming it, before writing anything', async () => {
    const dir = join(root, 'bad')
    const columns = [
      ...COLUMNS,
      { name: 'margin', zh: '毛利', en: 'Margin', unit: 'currency' as const },
    ]
    await expect(
      writeAnalysis(engine, {
        table: 'analysis',
        columns,
        summary: SUMMARY,
        outDir: dir,
        lang: 'zh',
        formats: ['csv'],
      }),
    ).rejects.toThrow(new Error('invalid column: margin (not in analysis)'))
    expect(readdirSync(dir)).toEqual([])
  })
})
