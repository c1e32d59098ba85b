import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { QUESTIONNAIRE_SHEET, parseQuestionnaireLayout } from '../../ingest/index.js'
import { ClienteleError } from '../../schema/index.js'
import { BLANK_ROWS, writeSurvey } from './index.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-survey-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const date = '2025-06-01'

describe('questionnaire templates', () => {
  it('KANO workbook: a question pair per feature with the five answers as drop-downs', async () => {
    const path = join(dir, 'kano.xlsx')
    const respondents = [{ id: '007', name: '王五' }, { id: 'C2' }]
    const r = await writeSurvey(path, {
      kind: 'kano',
      lang: 'zh',
      features: ['电子发票', '次日达'],
      date,
      respondents,
    })
    expect(r).toEqual({ path, format: 'xlsx', kind: 'kano', questions: 4, respondents: 2 })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['问卷', 'visible'],
      ['填写说明', 'visible'],
      [QUESTIONNAIRE_SHEET, 'veryHidden'],
    ])
    const ws = wb.getWorksheet('问卷')!
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '客户编号',
      '客户名称',
      '调查日期',
      '如果提供「电子发票」，您觉得如何？',
      '如果不提供「电子发票」，您觉得如何？',
      '如果提供「次日达」，您觉得如何？',
      '如果不提供「次日达」，您觉得如何？',
    ])
    expect(ws.getRow(2).values).toEqual([undefined, '007', '王五', date])
    expect(ws.getCell('E3').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"喜欢,理所当然,无所谓,能忍受,不喜欢"'],
    })
    expect(ws.getCell('E4').dataValidation).toBeUndefined()
    const cells = wb.getWorksheet(QUESTIONNAIRE_SHEET)!.getColumn(1).values.slice(1) as string[]
    const layout = parseQuestionnaireLayout(path, cells)
    expect(layout).toMatchObject({ kind: 'kano', sheet: '问卷', date })
    expect(layout.columns[2]).toEqual({
      role: 'functional',
      header: '如果提供「电子发票」，您觉得如何？',
      feature: '电子发票',
    })
    const help = wb.getWorksheet('填写说明')!.getColumn(1).values.slice(1) as string[]
    expect(help[0]).toBe('KANO 需求调查问卷')
    expect(help).toContain('  不喜欢 — 我不喜欢这样')
    expect(help.at(-1)).toBe('  clientele import kano.xlsx')
  })

  it('asks how important each feature is when asked to', async () => {
    const path = join(dir, 'imp.xlsx')
    const o = { kind: 'kano', lang: 'en', features: ['e-invoice'], importance: true, date } as const
    expect((await writeSurvey(path, o)).questions).toBe(3)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const ws = wb.getWorksheet('Survey')!
    expect(ws.getCell('D1').value).toBe('If we offer e-invoice, how do you feel?')
    expect(ws.getCell('D2').dataValidation?.formulae).toEqual([
      '"Like,Must-be,Neutral,Live with,Dislike"',
    ])
    expect(ws.getCell('F1').value).toBe('How important is e-invoice to you? (1-5)')
  })

  it('a blank satisfaction workbook offers 1–5 on every service area for 200 rows', async () => {
    const path = join(dir, 'sat.xlsx')
    const r = await writeSurvey(path, { kind: 'satisfaction', lang: 'en', date })
    expect(r.questions).toBe(7)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const ws = wb.getWorksheet('Survey')!
    expect(ws.getCell('E1').value).toBe('How satisfied are you with our product quality? (1-5)')
    expect(ws.getCell(`E${BLANK_ROWS + 1}`).dataValidation?.formulae).toEqual(['"1,2,3,4,5"'])
    expect(ws.getCell('J1').value).toBe('Other comments or suggestions')
    expect(ws.getCell('J2').dataValidation).toBeUndefined()
  })

  it('NPS as CSV: one long row per customer under headers the importer knows', async () => {
    const path = join(dir, 'nps.csv')
    await writeSurvey(path, {
      kind: 'nps',
      lang: 'zh',
      date,
      respondents: [{ id: 'C1', name: '张三' }],
    })
    expect(readFileSync(path, 'utf8')).toBe(
      '\uFEFF客户编号,客户名称,调查日期,反馈类型,服务方面,评分(0-10),内容(意见或原因)\r\nC1,张三,2025-06-01,NPS,,,\r\n',
    )
  })

  it('says what is wrong with the options', async () => {
    const bad = (o: object, message: string) =>
      expect(
        writeSurvey(join(dir, 'x.xlsx'), { kind: 'kano', lang: 'zh', date, ...o }),
      ).rejects.toEqual(new ClienteleError('USAGE', message))
    await bad(
      {},
      'a KANO survey needs the features to ask about: --features "e-invoice,next-day delivery"',
    )
    await bad({ features: ['a', 'a'] }, 'invalid features: a is listed twice')
    await bad(
      { features: ['a'], date: '1/6/2025' },
      'invalid survey date: 1/6/2025 (expected yyyy-mm-dd)',
    )
    await bad(
      { kind: 'nps', features: ['a'] },
      'an NPS survey asks one question: leave out --features',
    )
    await expect(
      writeSurvey(join(dir, 'x.docx'), { kind: 'nps', lang: 'zh', date }),
    ).rejects.toThrow('invalid survey file: ')
  })
})
