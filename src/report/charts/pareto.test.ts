import { describe, expect, it } from 'vitest'
import { normaliseSvg } from './normalise.js'
import { paretoChart, type ParetoData } from './pareto.js'
import { expectDeterministic, marks, snapshotPath, texts } from './testing.js'

// y = 1 − (1 − x)^4: the top 20 % of customers hold 59 % of value, the top half 94 %.
const lorenz = (x: number) => 1 - (1 - x) ** 4
const DATA: ParetoData = {
  points: Array.from({ length: 21 }, (_, i) => ({
    customerShare: i / 20,
    valueShare: lorenz(i / 20),
  })),
  cuts: [
    { label: 'A', customerShare: 0.2, valueShare: lorenz(0.2) },
    { label: 'B', customerShare: 0.5, valueShare: lorenz(0.5) },
  ],
}

describe('paretoChart', () => {
  it('matches the zh snapshot and renders identically twice', async () => {
    const svg = expectDeterministic(paretoChart, DATA, { lang: 'zh' })
    await expect(svg).toMatchFileSnapshot(snapshotPath('pareto-zh'))
  })

  it('matches the en snapshot', async () => {
    const svg = normaliseSvg(paretoChart(DATA, { lang: 'en' }))
    await expect(svg).toMatchFileSnapshot(snapshotPath('pareto-en'))
  })

  it('labels the A/B and B/C cuts with the shares they split', () => {
    const en = texts(paretoChart(DATA, { lang: 'en' }))
    expect(en).toEqual(
      expect.arrayContaining([
        'A/B cut',
        'top 20% of customers, 59% of value',
        'B/C cut',
        'top 50% of customers, 94% of value',
      ]),
    )
    const zh = texts(paretoChart(DATA, { lang: 'zh' }))
    expect(zh).toEqual(expect.arrayContaining(['A/B 分界', '前 20% 客户贡献 59% 价值']))
  })

  it('marks exactly one point per cut', () => {
    expect(marks(paretoChart(DATA, { lang: 'en' }), 2)).toBe(2)
  })

  it('gives the Gini coefficient of the curve (0.6 for 1 − (1 − x)^4, trapezoids on 21 points)', () => {
    // exact: 2 × ∫(1 − (1 − x)^4) dx − 1 = 2 × 0.8 − 1 = 0.6; the trapezoid rule undershoots a little
    expect(texts(paretoChart(DATA, { lang: 'en' }))).toContain('Gini coefficient 0.60')
  })

  it('titles the chart in the chosen language only', () => {
    expect(texts(paretoChart(DATA, { lang: 'zh' }))).toContain('客户价值帕累托曲线')
    expect(paretoChart(DATA, { lang: 'zh' })).not.toContain('Pareto curve')
    expect(texts(paretoChart(DATA, { lang: 'en' }))).toContain('Pareto curve of customer value')
  })

  it('adds the (0, 0) and (1, 1) end points when the input leaves them out', () => {
    const inner = { points: DATA.points.slice(1, -1), cuts: [] }
    expect(normaliseSvg(paretoChart(inner, { lang: 'en' }))).toBe(
      normaliseSvg(paretoChart({ points: DATA.points, cuts: [] }, { lang: 'en' })),
    )
  })
})
