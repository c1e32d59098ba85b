import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine, type Engine } from '../engine/index.js'
import { writeAnalysis } from './index.js'
import { COLUMNS, SUMMARY, createFixtureTables } from './test-fixtures.js'

const root = mkdtempSync(join(tmpdir(), 'clientele-report-'))
let engine: Engine
const zhDir = join(root, 'zh')

beforeAll(async () => {
  engine = await openEngine(':memory:')
  await createFixtureTables(engine)
  await writeAnalysis(engine, {
    table: 'analysis',
    columns: COLUMNS,
    summary: SUMMARY,
    outDir: zhDir,
    lang: 'zh',
    formats: ['xlsx'],
    actionsTable: 'actions',
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

describe('writeAnalysis: analysis.xlsx', () => {
  it('puts the summary first, then one sheet per tier in the policy order, then the actions', async () => {
    const wb = await readWorkbook(join(zhDir, 'analysis.xlsx'))
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['汇总', '优质', '发展', '边缘', '行动计划'])
    expect(['优质', '发展', '边缘', '行动计划'].map((n) => dataRows(wb.getWorksheet(n)))).toEqual([
      2, 8, 3, 10,
    ])
  })

  it('heads tier sheets in Chinese, freezes and filters the header so it stays usable when scrolled', async () => {
    const ws = (await readWorkbook(join(zhDir, 'analysis.xlsx'))).getWorksheet('发展')!
    expect(ws.getRow(1).values).toEqual([undefined, ...COLUMNS.map((c) => c.zh)])
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(ws.autoFilter).toBe('A1:K1')
  })

  it('formats cells by unit: currency with separators, probabilities as percent, dates as dates', async () => {
    const ws = (await readWorkbook(join(zhDir, 'analysis.xlsx'))).getWorksheet('优质')!
    const row = ws.getRow(2)
    expect(row.getCell(9).numFmt).toBe('#,##0.00')
    expect(row.getCell(10).numFmt).toBe('0.0%')
    expect(row.getCell(8).numFmt).toBe('#,##0')
    expect(row.getCell(11).value).toEqual(new Date('2024-05-28T00:00:00Z'))
    expect(row.getCell(11).numFmt).toBe('yyyy-mm-dd')
  })

  it('orders a tier sheet by the value indicator, largest first, so the top customers lead', async () => {
    const ws = (await readWorkbook(join(zhDir, 'analysis.xlsx'))).getWorksheet('发展')!
    const clv = ws.getColumn(9).values.slice(2) as number[]
    expect(clv).toEqual([...clv].sort((a, b) => b - a))
    expect(ws.getRow(2).getCell(2).value).toBe('赵氏贸易')
  })

  it('sizes columns for their content, counting Chinese characters double', async () => {
    const ws = (await readWorkbook(join(zhDir, 'analysis.xlsx'))).getWorksheet('优质')!
    // '最近一次购买在 4 天前,近 12 个月 13 单' is 38 display columns wide, plus a margin of 2.
    expect(ws.getColumn(5).width).toBe(40)
    expect(ws.getColumn(6).width).toBeLessThan(ws.getColumn(5).width!)
  })

  it('lists tiers, shares, expected ranges and warnings on the summary sheet', async () => {
    const ws = (await readWorkbook(join(zhDir, 'analysis.xlsx'))).getWorksheet('汇总')!
    const cells = ws.getSheetValues().flatMap((r) => (Array.isArray(r) ? r : []))
    expect(cells).toEqual(expect.arrayContaining(['b2b-four-tiers', '10.0%–20.0%', '是']))
    expect(cells).toContain(SUMMARY.warnings[0])
    const tierRow = ws.getRow(9)
    expect(tierRow.getCell(1).value).toBe('优质')
    expect(tierRow.getCell(3).numFmt).toBe('0.0%')
  })

  it('shows action tiers and statuses in words of the chosen language', async () => {
    const ws = (await readWorkbook(join(zhDir, 'analysis.xlsx'))).getWorksheet('行动计划')!
    expect(ws.getRow(2).values).toEqual(
      expect.arrayContaining(['C02', '优质', '客户经理 7 天内拜访', '已安排']),
    )
    expect(ws.getRow(11).getCell(8).value).toBe('未安排')
  })

  it('names sheets and headers in English when asked, keeping the same rows', async () => {
    const dir = join(root, 'en')
    await writeAnalysis(engine, {
      table: 'analysis',
      columns: COLUMNS,
      summary: SUMMARY,
      outDir: dir,
      lang: 'en',
      formats: ['xlsx'],
    })
    const wb = await readWorkbook(join(dir, 'analysis.xlsx'))
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      'Summary',
      'Premium',
      'Developing',
      'Marginal',
    ])
    expect(wb.getWorksheet('Marginal')!.getRow(1).values).toEqual([
      undefined,
      ...COLUMNS.map((c) => c.en),
    ])
    expect(dataRows(wb.getWorksheet('Developing'))).toBe(8)
  })
})

describe('writeAnalysis: sheets beyond the summary', () => {
  it('sanitises tier names into sheet names and adds sheets for tiers the summary lacks and for customers without a tier', async () => {
    await engine.run(`CREATE TABLE analysis_extra AS SELECT * FROM analysis`)
    await engine.run(
      `UPDATE analysis_extra SET tier = 'D', tier_name = '观察' WHERE customer_id = 'C13'`,
    )
    await engine.run(
      `UPDATE analysis_extra SET tier = NULL, tier_name = NULL WHERE customer_id = 'C12'`,
    )
    const [premium, ...rest] = SUMMARY.tiers
    const summary = {
      ...SUMMARY,
      tiers: [{ ...premium!, name: { zh: '优质', en: 'VIP/Key: accounts' } }, ...rest],
    }
    const dir = join(root, 'extra')
    await writeAnalysis(engine, {
      table: 'analysis_extra',
      columns: COLUMNS,
      summary,
      outDir: dir,
      lang: 'en',
      formats: ['xlsx'],
    })
    const wb = await readWorkbook(join(dir, 'analysis.xlsx'))
    expect(wb.worksheets.map((ws) => [ws.name, dataRows(ws)])).toEqual([
      ['Summary', expect.any(Number)],
      ['VIPKey accounts', 2],
      ['Developing', 8],
      ['Marginal', 1],
      ['观察', 1],
      ['Unassigned', 1],
    ])
  })
})
