import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEngine, type Engine } from '../engine/index.js'
import { importFiles } from './import-files.js'
import { QUESTIONNAIRE_SHEET, type QuestionnaireLayout } from './questionnaire.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-questionnaire-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let engine: Engine
beforeEach(async () => {
  engine = await openEngine(':memory:')
})
afterEach(() => engine.close())

const SAT: QuestionnaireLayout = {
  format: 'clientele-questionnaire',
  version: 1,
  kind: 'satisfaction',
  sheet: 'Answers',
  date: '2025-06-01',
  feedbackKind: 'csat',
  columns: [
    { role: 'customer_id', header: 'Customer' },
    { role: 'date', header: 'When' },
    { role: 'score', header: 'Delivery?', area: 'delivery' },
    { role: 'score', header: 'Price?', area: 'price' },
    { role: 'text', header: 'Anything else?', area: null },
  ],
}

const KANO: QuestionnaireLayout = {
  ...SAT,
  kind: 'kano',
  feedbackKind: undefined,
  columns: [
    { role: 'customer_id', header: 'Customer' },
    { role: 'functional', header: 'With X?', feature: 'X' },
    { role: 'dysfunctional', header: 'Without X?', feature: 'X' },
    { role: 'importance', header: 'X matters?', feature: 'X' },
  ],
}

/** A questionnaire workbook as `clientele survey` lays it out, the layout sheet first or last. */
async function workbook(
  name: string,
  layout: QuestionnaireLayout | string,
  rows: unknown[][],
  layoutFirst = false,
): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const hide = () => {
    const text = typeof layout === 'string' ? layout : JSON.stringify(layout)
    wb.addWorksheet(QUESTIONNAIRE_SHEET, { state: 'veryHidden' }).getCell('A1').value = text
  }
  if (layoutFirst) hide()
  wb.addWorksheet('Answers').addRows(rows)
  wb.addWorksheet('Notes').addRow(['fill in the answers'])
  if (!layoutFirst) hide()
  const path = join(dir, name)
  await wb.xlsx.writeFile(path)
  return path
}

describe('questionnaire workbooks', () => {
  it('unpivots one row per customer into feedback rows, skipping blanks and keeping Excel rows', async () => {
    const file = await workbook('sat.xlsx', SAT, [
      ['Customer', 'Name', 'When', 'Delivery?', 'Price?', 'Anything else?'],
      ['C1', 'Ann', null, 5, 3, 'quick, thanks'],
      ['C2', 'Bob', '2025-06-09', null, 2, null],
      ['C3', 'Cy', null, null, null, null],
    ])
    const r = await importFiles(engine, [file])
    expect(r.issues).toEqual([])
    expect(r.files[0]).toMatchObject({ kind: 'feedback', rows: 4, inserted: 4 })
    const rows = await engine.all(
      `SELECT customer_id, strftime(date, '%Y-%m-%d') AS date, kind, area, score, text, source_line
       FROM feedback ORDER BY source_line, area NULLS LAST`,
    )
    expect(rows).toEqual([
      {
        customer_id: 'C1',
        date: '2025-06-01',
        kind: 'csat',
        area: 'delivery',
        score: 5,
        text: null,
        source_line: 2,
      },
      {
        customer_id: 'C1',
        date: '2025-06-01',
        kind: 'csat',
        area: 'price',
        score: 3,
        text: null,
        source_line: 2,
      },
      {
        customer_id: 'C1',
        date: '2025-06-01',
        kind: 'csat',
        area: null,
        score: null,
        text: 'quick, thanks',
        source_line: 2,
      },
      {
        customer_id: 'C2',
        date: '2025-06-09',
        kind: 'csat',
        area: 'price',
        score: 2,
        text: null,
        source_line: 3,
      },
    ])
  })

  it('finds the answers sheet by the layout when the layout sheet comes first', async () => {
    const file = await workbook(
      'kano.xlsx',
      KANO,
      [
        ['Customer', 'With X?', 'Without X?', 'X matters?'],
        ['C1', '喜欢', '不喜欢', 4],
      ],
      true,
    )
    const r = await importFiles(engine, [file])
    expect(r.files[0]).toMatchObject({ kind: 'surveys', rows: 1 })
    expect(
      await engine.all(
        `SELECT customer_id, feature, functional, dysfunctional, importance FROM surveys`,
      ),
    ).toEqual([
      {
        customer_id: 'C1',
        feature: 'X',
        functional: '喜欢',
        dysfunctional: '不喜欢',
        importance: 4,
      },
    ])
  })

  it('rejects half an answer pair at its Excel row', async () => {
    const file = await workbook('half.xlsx', KANO, [
      ['Customer', 'With X?', 'Without X?', 'X matters?'],
      ['C1', '喜欢', null, null],
      ['C2', '喜欢', '无所谓', null],
    ])
    const r = await importFiles(engine, [file])
    expect(r.ok).toBe(false)
    expect(r.issues).toEqual([
      {
        code: 'INGEST_MISSING_VALUE',
        file,
        line: 2,
        column: 'dysfunctional',
        message:
          'missing Dysfunctional answer: expected a value (Dysfunctional answer is required)',
        path: 'dysfunctional',
        value: '',
      },
    ])
  })

  it('names a renamed question column', async () => {
    const file = await workbook('renamed.xlsx', KANO, [
      ['Customer', 'With X?', 'Without it?', 'X matters?'],
      ['C1', '喜欢', '无所谓', 3],
    ])
    const r = await importFiles(engine, [file])
    expect(r.issues).toEqual([
      {
        code: 'INGEST_MISSING_COLUMN',
        file,
        line: 1,
        column: 'Without X?',
        message: `the questionnaire's column "Without X?" is missing`,
      },
    ])
  })

  it('rejects a layout sheet that is not a layout', async () => {
    const file = await workbook('broken.xlsx', '{"format":"clientele-questionnaire"', [
      ['Customer'],
      ['C1'],
    ])
    const r = await importFiles(engine, [file])
    expect(r.issues).toEqual([
      {
        code: 'INGEST_BAD_HEADER',
        file,
        message: 'the layout is not valid JSON',
      },
    ])
  })
})
