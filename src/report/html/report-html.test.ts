import { describe, expect, it } from 'vitest'
import { renderReportHtml } from './report-html.js'
import { REPORT_DATA } from './test-data.js'
import { OTHER, type ReportData } from './types.js'

const zh = renderReportHtml(REPORT_DATA, { lang: 'zh' })
const en = renderReportHtml(REPORT_DATA, { lang: 'en' })

const chapters = (page: string) =>
  [...page.matchAll(/<section class="chapter" id="([a-z]+)">/g)].map((m) => m[1])
const charts = (page: string) => [...page.matchAll(/<figure data-chart="(\w+)">/g)].map((m) => m[1])

describe('renderReportHtml', () => {
  it('has every chapter in order, and no migration chapter without an earlier snapshot', () => {
    const all = [
      'overview',
      'value',
      'behaviour',
      'channels',
      'tiers',
      'impact',
      'quality',
      'method',
    ]
    expect(chapters(zh)).toEqual(all)
    expect(chapters(en)).toEqual(all)
  })

  it('draws the charts it has data for and says why the others are missing', () => {
    expect(charts(en)).toEqual(['tierDistribution', 'pareto', 'rfm', 'lifecycle'])
    expect(en).toContain(
      '<div class="note" data-chart-missing="valueMap"><strong>Not available</strong>: The policy has no CLV model.</div>',
    )
    expect(zh).toContain('<strong>无法绘制</strong>: 分级方案没有 CLV 模型。')
  })

  it('leaves out a chapter with nothing to show', () => {
    const page = renderReportHtml({ ...REPORT_DATA, chartNotes: {} }, { lang: 'en' })
    expect(chapters(page)).not.toContain('channels')
    expect(page).not.toContain('href="#channels"')
  })

  it('renders the migration chapter once the tracking work supplies flows', () => {
    const data: ReportData = {
      ...REPORT_DATA,
      charts: {
        ...REPORT_DATA.charts,
        migration: {
          from: '2024-06',
          to: '2024-12',
          tiers: REPORT_DATA.tiers.map((t) => ({ id: t.id, name: t.name })),
          flows: [{ from: 'B', to: 'A', customers: 40 }],
        },
      },
    }
    const page = renderReportHtml(data, { lang: 'en' })
    expect(chapters(page)).toContain('migration')
    expect(charts(page)).toContain('migration')
  })

  it('is written in the language asked for', () => {
    expect(zh).toMatch(/^<!doctype html><html lang="zh-CN">/)
    expect(zh).toContain('<h1>客户分级管理分析</h1>')
    expect(zh).toContain('<h2>各等级客户</h2>')
    expect(en).toMatch(/^<!doctype html><html lang="en">/)
    expect(en).toContain('<h1>Customer tiering analysis</h1>')
    expect(en).toContain('<h2>The tiers</h2>')
    expect(en).not.toMatch(/客户分级|各等级/)
  })

  it('escapes customer names and reasons, so a name cannot become markup', () => {
    for (const page of [zh, en]) {
      expect(page).not.toContain('<script')
      expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    }
  })

  it('formats numbers: grouped amounts with the currency, shares with one decimal, compact headlines', () => {
    expect(zh).toContain('<td class="num">¥864,197</td>')
    expect(zh).toContain('<td class="num">20.0%</td>')
    expect(zh).toContain('<div class="figure">1,234</div>')
    expect(zh).toContain('<div class="figure">¥123万</div>')
    expect(en).toContain('<div class="figure">¥1.23M</div>')
    expect(en).toContain('<td class="num">10–15% / 60–90%</td>')
  })

  it('warns about tiers outside their expected share and about data quality, in the page language', () => {
    expect(zh).toContain('<li>重要客户占客户数的 20.0%，预期 10–15%：收紧该等级的规则</li>')
    expect(en).toContain('<li>Key holds 20.0% of customers, expected 10–15%: tighten its rule</li>')
    expect(zh).toContain('<li>未来日期: 3</li>')
    expect(en).toContain('<li>the spend model did not converge</li>')
  })

  it('names the band of smaller channels or categories in the page language', () => {
    const data: ReportData = {
      ...REPORT_DATA,
      charts: {
        productMix: {
          tiers: REPORT_DATA.tiers.map((t) => ({ id: t.id, name: t.name })),
          categories: ['家电', OTHER],
          shares: [
            [0.7, 0.3],
            [0.4, 0.6],
            [0.5, 0.5],
          ],
        },
      },
    }
    expect(renderReportHtml(data, { lang: 'en' })).toContain('>Other</text>')
    expect(renderReportHtml(data, { lang: 'zh' })).toContain('>其他</text>')
    expect(renderReportHtml(data, { lang: 'zh' })).not.toContain('\u0000')
  })

  it('needs nothing from outside the file: no scripts, links or sources, and a CSP that forbids fetching', () => {
    for (const page of [zh, en]) {
      expect(page).not.toMatch(/<(script|link|img|iframe|object)\b/i)
      expect(page).not.toMatch(/\s(src|href)="(?!#)/)
      expect(page).toContain(
        `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`,
      )
    }
  })

  it('has a print layout', () => {
    expect(zh).toContain('@media print')
    expect(zh).toContain('@page { size: A4;')
  })
})
