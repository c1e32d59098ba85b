import { describe, expect, it } from 'vitest'
import { normaliseSvg } from './normalise.js'
import { expectDeterministic, marks, snapshotPath, texts } from './testing.js'
import {
  VALUE_MAP_MAX_POINTS,
  valueMapChart,
  type ValueMapData,
  type ValueMapPoint,
} from './value-map.js'

// mulberry32: a seeded generator, so the sample is the same on every run
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const TIERS = [
  { id: 'A', name: { zh: '重要价值客户', en: 'Key' } },
  { id: 'B', name: { zh: '重要发展客户', en: 'Develop' } },
  { id: 'C', name: { zh: '一般客户', en: 'Regular' } },
]
const rand = random(7)
// current value log-uniform over 10^1.5–10^5 (so the axis is logarithmic), potential correlated
const POINTS: ValueMapPoint[] = Array.from({ length: 300 }, () => {
  const current = 10 ** (1.5 + 3.5 * rand())
  const potential = current * 10 ** (rand() * 1.2 - 0.4)
  const tier = potential > 20_000 ? 'A' : potential > 2_000 ? 'B' : 'C'
  return { current, potential, tier }
})
const DATA: ValueMapData = {
  points: POINTS,
  tiers: TIERS,
  xLabel: { zh: '当前价值（近 12 个月毛利）', en: 'Current value (12-month margin)' },
  yLabel: { zh: '预测价值（未来 12 个月 CLV）', en: 'Predicted value (12-month CLV)' },
  xSplit: 3_000,
  ySplit: 5_000,
  quadrants: [
    { zh: '重点保持', en: 'Keep' },
    { zh: '重点发展', en: 'Develop' },
    { zh: '一般维持', en: 'Maintain' },
    { zh: '重点挽留', en: 'Win back' },
  ],
}

describe('valueMapChart', () => {
  it('matches the zh snapshot and renders identically twice', async () => {
    const svg = expectDeterministic(valueMapChart, DATA, { lang: 'zh' })
    await expect(svg).toMatchFileSnapshot(snapshotPath('value-map-zh'))
  })

  it('matches the en snapshot', async () => {
    const svg = normaliseSvg(valueMapChart(DATA, { lang: 'en' }))
    await expect(svg).toMatchFileSnapshot(snapshotPath('value-map-en'))
  })

  it('draws every sampled customer once, in its tier’s series', () => {
    const svg = valueMapChart(DATA, { lang: 'en' })
    expect(marks(svg)).toBe(300)
    const inA = POINTS.filter((p) => p.tier === 'A').length
    expect(marks(svg, 0)).toBe(inA)
  })

  it('names the four quadrants and the tiers in the chosen language', () => {
    const zh = texts(valueMapChart(DATA, { lang: 'zh' }))
    expect(zh).toEqual(
      expect.arrayContaining([
        '客户价值地图',
        '重点保持',
        '重点发展',
        '一般维持',
        '重点挽留',
        '一般客户',
      ]),
    )
    const en = texts(valueMapChart(DATA, { lang: 'en' }))
    expect(en).toEqual(
      expect.arrayContaining(['Customer value map', 'Keep', 'Win back', 'Regular']),
    )
  })

  it('uses a log axis when values span decades, and says so in the axis name', () => {
    const en = texts(valueMapChart(DATA, { lang: 'en' }))
    expect(en).toContain('Current value (12-month margin) (log scale)')
    const zh = texts(valueMapChart(DATA, { lang: 'zh' }))
    expect(zh).toContain('当前价值（近 12 个月毛利）（对数刻度）')
  })

  it('keeps a linear axis when values stay within one decade', () => {
    const narrow = {
      ...DATA,
      points: POINTS.map((p, i) => ({ ...p, current: 1_000 + i, potential: 2_000 + i })),
      xSplit: 1_100,
      ySplit: 2_100,
    }
    const en = texts(valueMapChart(narrow, { lang: 'en' }))
    expect(en).toContain('Current value (12-month margin)')
    expect(en.some((t) => t.includes('log scale'))).toBe(false)
  })

  it('keeps both axes linear when asked, for percentile ranks', () => {
    const en = texts(valueMapChart({ ...DATA, scale: 'linear' }, { lang: 'en' }))
    expect(en).toContain('Current value (12-month margin)')
    expect(en.some((t) => t.includes('log scale'))).toBe(false)
  })

  it('refuses a sample over the cap rather than writing an SVG too heavy to open', () => {
    const many = {
      ...DATA,
      points: Array.from({ length: VALUE_MAP_MAX_POINTS + 1 }, () => POINTS[0]!),
    }
    expect(() => valueMapChart(many, { lang: 'en' })).toThrow(
      new Error('invalid value map sample: 2001 points (at most 2000)'),
    )
  })

  it('refuses a point whose tier is not in the legend', () => {
    const stray = { ...DATA, points: [{ current: 1, potential: 1, tier: 'Z' }] }
    expect(() => valueMapChart(stray, { lang: 'en' })).toThrow(
      new Error('invalid value map tier: Z'),
    )
  })
})
