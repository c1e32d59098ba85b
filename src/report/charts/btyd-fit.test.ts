import { describe, expect, it } from 'vitest'
import { btydFitChart, type BtydFitData } from './btyd-fit.js'
import { normaliseSvg } from './normalise.js'
import { SERIES_PALETTE } from './palette.js'
import { expectDeterministic, marks, snapshotPath, texts } from './testing.js'

// 52 weeks, 39 of calibration; the model tracks the weekly wobble of the data only on average
const WEEKS = Array.from({ length: 52 }, (_, i) => i + 1)
const weeklyActual = WEEKS.map((w) => Math.round(40 + 12 * Math.sin(w / 2.5) + w * 0.4))
const weeklyModel = WEEKS.map((w) => 40 + w * 0.42)
const running = (xs: readonly number[]) =>
  xs.map((_, i) => xs.slice(0, i + 1).reduce((a, b) => a + b, 0))

const CUMULATIVE: BtydFitData = {
  weeks: WEEKS,
  actual: running(weeklyActual),
  predicted: running(weeklyModel),
  calibrationEnd: 39,
  unit: 'cumulative',
}
const WEEKLY: BtydFitData = {
  ...CUMULATIVE,
  actual: weeklyActual,
  predicted: weeklyModel,
  unit: 'weekly',
}

describe('btydFitChart', () => {
  it('matches the zh snapshot (cumulative) and renders identically twice', async () => {
    const svg = expectDeterministic(btydFitChart, CUMULATIVE, { lang: 'zh' })
    await expect(svg).toMatchFileSnapshot(snapshotPath('btyd-fit-zh'))
  })

  it('matches the en snapshot (weekly)', async () => {
    const svg = normaliseSvg(btydFitChart(WEEKLY, { lang: 'en' }))
    await expect(svg).toMatchFileSnapshot(snapshotPath('btyd-fit-en'))
  })

  it('marks the calibration and holdout periods in the chosen language', () => {
    expect(texts(btydFitChart(CUMULATIVE, { lang: 'zh' }))).toEqual(
      expect.arrayContaining(['模型拟合：累计重复购买', '校准期', '验证期', '实际', '模型预测']),
    )
    expect(texts(btydFitChart(WEEKLY, { lang: 'en' }))).toEqual(
      expect.arrayContaining(['Model fit: weekly repeat purchases', 'Calibration', 'Holdout']),
    )
  })

  it('states the holdout error: weekly counts summed, running totals differenced', () => {
    const small: BtydFitData = {
      weeks: [1, 2, 3, 4, 5, 6],
      actual: [10, 12, 11, 13, 12, 14],
      predicted: [11, 11, 12, 12, 13, 12],
      calibrationEnd: 4,
      unit: 'weekly',
    }
    // holdout weeks 5–6: actual 26, predicted 25, (25 − 26) / 26 = −3.8 %
    expect(texts(btydFitChart(small, { lang: 'en' }))).toContain(
      'Holdout repeat purchases: actual 26, predicted 25 (-3.8%)',
    )
    const cumulative = {
      ...small,
      unit: 'cumulative' as const,
      actual: running(small.actual),
      predicted: running(small.predicted),
    }
    expect(texts(btydFitChart(cumulative, { lang: 'zh' }))).toContain(
      '验证期重复购买：实际 26，预测 25（误差 -3.8%）',
    )
  })

  it('draws actual solid and the model dashed, with no per-week symbols to clutter 52 points', () => {
    const svg = btydFitChart(WEEKLY, { lang: 'en' })
    const lines = svg.match(/<path [^>]*stroke-width="2.5"[^>]*>/g) ?? []
    expect(lines).toHaveLength(2)
    expect(lines[0]).toContain(`stroke="${SERIES_PALETTE[0]}"`)
    expect(lines[0]).not.toContain('stroke-dasharray')
    expect(lines[1]).toContain(`stroke="${SERIES_PALETTE[1]}"`)
    expect(lines[1]).toContain('stroke-dasharray')
    expect(marks(svg)).toBe(0)
  })

  it('refuses series of different lengths', () => {
    const short = { ...WEEKLY, actual: WEEKLY.actual.slice(1) }
    expect(() => btydFitChart(short, { lang: 'en' })).toThrow(
      new Error('invalid BTYD fit series: 52 weeks, 51 actual, 52 predicted'),
    )
  })
})
