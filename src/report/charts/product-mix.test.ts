import { describe, expect, it } from 'vitest'
import { normaliseSvg } from './normalise.js'
import { productMixChart, type ProductMixData } from './product-mix.js'
import { expectDeterministic, marks, snapshotPath, texts } from './testing.js'

const DATA: ProductMixData = {
  tiers: [
    { id: 'A', name: { zh: '重要价值客户', en: 'Key' } },
    { id: 'B', name: { zh: '重要发展客户', en: 'Develop' } },
    { id: 'C', name: { zh: '一般客户', en: 'Regular' } },
    { id: 'D', name: { zh: '低价值客户', en: 'Low' } },
  ],
  categories: ['工业设备', '备品备件', '耗材', '技术服务', '软件'],
  shares: [
    [0.46, 0.18, 0.08, 0.2, 0.08],
    [0.3, 0.25, 0.2, 0.15, 0.1],
    [0.12, 0.28, 0.45, 0.1, 0.05],
    [0.03, 0.2, 0.72, 0.04, 0.01],
  ],
}

describe('productMixChart', () => {
  it('matches the zh snapshot and renders identically twice', async () => {
    const svg = expectDeterministic(productMixChart, DATA, { lang: 'zh' })
    await expect(svg).toMatchFileSnapshot(snapshotPath('product-mix-zh'))
  })

  it('matches the en snapshot', async () => {
    const svg = normaliseSvg(productMixChart(DATA, { lang: 'en' }))
    await expect(svg).toMatchFileSnapshot(snapshotPath('product-mix-en'))
  })

  it('draws one segment per tier and category', () => {
    const svg = productMixChart(DATA, { lang: 'en' })
    expect(marks(svg)).toBe(20)
    expect(marks(svg, 2)).toBe(4)
  })

  it('labels segments wide enough to hold a percentage and leaves 1–4 % slivers bare', () => {
    const labels = texts(productMixChart(DATA, { lang: 'en' }))
    expect(labels).toEqual(expect.arrayContaining(['46%', '72%', '20%']))
    expect(labels).not.toContain('1%')
    expect(labels).not.toContain('3%')
  })

  it('names tiers in the chosen language and categories as given', () => {
    const zh = texts(productMixChart(DATA, { lang: 'zh' }))
    expect(zh).toEqual(expect.arrayContaining(['各等级客户的品类构成', '重要价值客户', '技术服务']))
    const en = texts(productMixChart(DATA, { lang: 'en' }))
    expect(en).toEqual(expect.arrayContaining(['Product mix by tier', 'Key', '技术服务']))
  })

  it('rescales a row that does not sum to 1, so every bar spans 100 %', () => {
    const halves = { ...DATA, shares: DATA.shares.map((row) => row.map((s) => s / 2)) }
    expect(normaliseSvg(productMixChart(halves, { lang: 'en' }))).toBe(
      normaliseSvg(productMixChart(DATA, { lang: 'en' })),
    )
  })

  it('refuses a shares row of the wrong length, which would colour shares as the wrong category', () => {
    const ragged = { ...DATA, shares: [...DATA.shares.slice(0, 3), [0.5, 0.5]] }
    expect(() => productMixChart(ragged, { lang: 'en' })).toThrow(
      new Error('invalid product mix: row 3 has 2 shares for 5 categories'),
    )
  })
})
