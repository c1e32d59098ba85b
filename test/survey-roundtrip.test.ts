// Questionnaires go out and come back: `clientele survey` writes them, a customer fills
// them in (here exceljs or a CSV writer), and `clientele import` stores the answers as
// `surveys` or `feedback` rows that the KANO analysis and the indicators then use.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyze, importData, kanoSummary, makeSurvey } from '../src/app/index.js'
import { openEngine } from '../src/engine/index.js'
import { cli } from './support/cli.js'
import { tieredStore } from './support/tiered-store.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-survey-rt-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let store: string
let premium: string[]
/** A hand-made list of three premium customers, as a user would export one. */
const list = join(dir, 'tier-a.csv')
beforeAll(async () => {
  store = await tieredStore(dir)
  const engine = await openEngine(store)
  const rows = await engine.all<{ customer_id: string }>(
    `SELECT customer_id FROM analysis WHERE tier = 'premium' ORDER BY customer_id`,
  )
  premium = rows.map((r) => r.customer_id)
  await engine.close()
  writeFileSync(list, `客户编号,备注\n${premium.slice(0, 3).join(',x\n')},x\n`)
})

const query = async (sql: string) => {
  const engine = await openEngine(store)
  try {
    return await engine.all(sql)
  } finally {
    await engine.close()
  }
}

/** Sets `answers(header, row)` into every data row of the answer sheet, by header text. */
async function fillIn(
  file: string,
  sheet: string,
  answers: (header: string, row: number) => string | number | null,
): Promise<void> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const ws = wb.getWorksheet(sheet)!
  const headers = (ws.getRow(1).values as string[]).slice(1)
  ws.eachRow((row, n) => {
    if (n === 1) return
    headers.forEach((h, i) => {
      const v = answers(h, n)
      if (v !== null) row.getCell(i + 1).value = v
    })
  })
  await wb.xlsx.writeFile(file)
}

describe('questionnaire round trip', () => {
  it('KANO: a tier gets the pairs, the answers import as surveys and classify M / O / A', async () => {
    const file = join(dir, 'kano.xlsx')
    const features = ['电子发票', '次日达配送', '会员积分']
    const made = cli(
      ['survey', '--kind', 'kano', '--features', features.join(','), '--store', store].concat([
        '--tier',
        'premium',
        '--date',
        '2025-06-01',
        '--out',
        file,
        '--json',
      ]),
    )
    expect(made.status).toBe(0)
    expect(JSON.parse(made.stdout)).toEqual({
      path: file,
      format: 'xlsx',
      kind: 'kano',
      questions: 6,
      respondents: premium.length,
    })
    // Must-be, one-dimensional and attractive answer patterns; the last customer answers
    // nothing and every other one skips the loyalty points.
    const last = premium.length + 1
    await fillIn(file, '问卷', (h, row) => {
      if (row === last || (row % 2 === 0 && h.includes('会员积分'))) return null
      const yes = h.startsWith('如果提供')
      if (!yes && !h.startsWith('如果不提供')) return null
      if (h.includes('电子发票')) return yes ? '理所当然' : '不喜欢'
      if (h.includes('次日达配送')) return yes ? '喜欢' : '不喜欢'
      return yes ? '喜欢' : '无所谓'
    })
    const imported = cli(['import', file, '--store', store, '--json'])
    expect(imported.status).toBe(0)
    const skipped = Math.floor((premium.length - 1 + 1) / 2)
    const answered = premium.length - 1
    expect(JSON.parse(imported.stdout).files[0]).toMatchObject({
      kind: 'surveys',
      rows: answered * 3 - skipped,
      inserted: answered * 3 - skipped,
    })
    expect(
      await query(`SELECT customer_id, feature, functional, dysfunctional, strftime(date, '%Y-%m-%d') AS date, source_line
      FROM surveys WHERE customer_id = '${premium[0]}' ORDER BY feature`),
    ).toEqual([
      {
        customer_id: premium[0],
        feature: '次日达配送',
        functional: '喜欢',
        dysfunctional: '不喜欢',
        date: '2025-06-01',
        source_line: 2,
      },
      {
        customer_id: premium[0],
        feature: '电子发票',
        functional: '理所当然',
        dysfunctional: '不喜欢',
        date: '2025-06-01',
        source_line: 2,
      },
    ])
    const { features: kano, skipped: bad } = await kanoSummary({ store })
    expect(bad).toBe(0)
    expect(kano.map((k) => [k.feature, k.category, k.respondents])).toEqual([
      ['会员积分', 'A', answered - skipped],
      ['次日达配送', 'O', answered],
      ['电子发票', 'M', answered],
    ])
  })

  it('satisfaction: scores per service area import as csat feedback the indicators read', async () => {
    const file = join(dir, 'csat.xlsx')
    const r = await makeSurvey({
      kind: 'satisfaction',
      lang: 'en',
      customersFile: list,
      date: '2025-12-20',
      out: file,
    })
    expect(r.respondents).toBe(3)
    await fillIn(file, 'Survey', (h, row) =>
      h.startsWith('Other')
        ? row === 2
          ? 'late once, otherwise fine'
          : null
        : h.includes('(1-5)')
          ? row
          : null,
    )
    const result = await importData({ store, files: [file] })
    expect(result.ok).toBe(true)
    expect(
      await query(
        `SELECT customer_id, kind, area, score, text FROM feedback WHERE customer_id = '${premium[0]}' ORDER BY area NULLS LAST`,
      ),
    ).toEqual([
      { customer_id: premium[0], kind: 'csat', area: 'after-sales service', score: 2, text: null },
      { customer_id: premium[0], kind: 'csat', area: 'communication', score: 2, text: null },
      { customer_id: premium[0], kind: 'csat', area: 'delivery', score: 2, text: null },
      { customer_id: premium[0], kind: 'csat', area: 'overall', score: 2, text: null },
      { customer_id: premium[0], kind: 'csat', area: 'price', score: 2, text: null },
      { customer_id: premium[0], kind: 'csat', area: 'product quality', score: 2, text: null },
      {
        customer_id: premium[0],
        kind: 'csat',
        area: null,
        score: null,
        text: 'late once, otherwise fine',
      },
    ])
    await analyze({ store, policy: 'b2b4', formats: [] })
    expect(
      await query(
        `SELECT customer_id, satisfaction_avg FROM analysis WHERE customer_id IN ('${premium.slice(0, 3).join("','")}') ORDER BY customer_id`,
      ),
    ).toEqual(premium.slice(0, 3).map((id, k) => ({ customer_id: id, satisfaction_avg: k + 2 })))
  })

  it('NPS and KANO as CSV: long rows under known headers import without a layout', async () => {
    const nps = join(dir, 'nps.csv')
    await makeSurvey({
      kind: 'nps',
      customersFile: list,
      date: '2025-06-01',
      out: nps,
    })
    const lines = readFileSync(nps, 'utf8').split('\r\n')
    const filled = lines.map((l, i) =>
      i === 0 || l === '' ? l : l.replace(/,,$/, `,${i + 7},价格合适`),
    )
    writeFileSync(nps, filled.join('\r\n'))
    const kanoCsv = join(dir, 'kano.csv')
    await makeSurvey({
      kind: 'kano',
      lang: 'en',
      features: ['e-invoice'],
      customersFile: list,
      date: '2025-06-01',
      out: kanoCsv,
    })
    const k = readFileSync(kanoCsv, 'utf8').replaceAll(',,,2025', ',Like,Dislike,2025')
    writeFileSync(kanoCsv, k)
    const r = cli(['import', nps, kanoCsv, '--store', store, '--json'])
    expect(JSON.parse(r.stdout).issues).toEqual([])
    expect(r.status).toBe(0)
    expect(
      JSON.parse(r.stdout).files.map((f: { kind: string; rows: number }) => [f.kind, f.rows]),
    ).toEqual([
      ['feedback', 3],
      ['surveys', 3],
    ])
    expect(
      await query(`SELECT kind, score, text FROM feedback WHERE kind = 'NPS' ORDER BY score`),
    ).toEqual([
      { kind: 'NPS', score: 8, text: '价格合适' },
      { kind: 'NPS', score: 9, text: '价格合适' },
      { kind: 'NPS', score: 10, text: '价格合适' },
    ])
  })

  it('names the tiers there are when asked for one that has nobody', () => {
    const r = cli([
      'survey',
      '--kind',
      'nps',
      '--store',
      store,
      '--tier',
      'gold',
      '--out',
      join(dir, 'x.xlsx'),
    ])
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(
      'clientele: no customers in tier gold; the tiers of the latest analysis are development, marginal, potential, premium\n',
    )
  })
})
