import { describe, expect, it } from 'vitest'
import { normaliseSvg } from './normalise.js'
import { rfmHeatmap, type RfmCell, type RfmHeatmapData } from './rfm-heatmap.js'
import { expectDeterministic, marks, snapshotPath, texts } from './testing.js'

// A full 5 × 5 grid except (r 1, f 5), which no real customer base fills: long gone yet frequent.
const CELLS: RfmCell[] = []
for (let r = 1; r <= 5; r++) {
  for (let f = 1; f <= 5; f++) {
    if (r === 1 && f === 5) continue
    CELLS.push({ r, f, customers: 10 * (6 - f) + 7 * r, meanMonetary: 180 * f * f + 40 * r })
  }
}
const BY_MONETARY: RfmHeatmapData = { cells: CELLS, colour: 'monetary' }
const BY_COUNT: RfmHeatmapData = { cells: CELLS, colour: 'count' }

describe('rfmHeatmap', () => {
  it('matches the zh snapshot (shaded by mean M) and renders identically twice', async () => {
    const svg = expectDeterministic(rfmHeatmap, BY_MONETARY, { lang: 'zh' })
    await expect(svg).toMatchFileSnapshot(snapshotPath('rfm-heatmap-zh'))
  })

  it('matches the en snapshot (shaded by count)', async () => {
    const svg = normaliseSvg(rfmHeatmap(BY_COUNT, { lang: 'en' }))
    await expect(svg).toMatchFileSnapshot(snapshotPath('rfm-heatmap-en'))
  })

  it('draws one cell per non-empty R × F pair and leaves the empty one blank', () => {
    expect(marks(rfmHeatmap(BY_MONETARY, { lang: 'en' }))).toBe(24)
    const withEmpty = {
      ...BY_MONETARY,
      cells: [...CELLS, { r: 1, f: 5, customers: 0, meanMonetary: NaN }],
    }
    expect(marks(rfmHeatmap(withEmpty, { lang: 'en' }))).toBe(24)
  })

  it('labels a cell with its mean M first when shading by M, and its count first when shading by count', () => {
    // r 5, f 5: 10 + 35 = 45 customers, mean M 180 × 25 + 200 = 4,700
    const monetary = texts(rfmHeatmap(BY_MONETARY, { lang: 'en' }))
    expect(monetary).toEqual(expect.arrayContaining(['4.7k', '45 cust.']))
    const count = texts(rfmHeatmap(BY_COUNT, { lang: 'zh' }))
    expect(count).toEqual(expect.arrayContaining(['45', '均 4,700']))
  })

  it('says what the shade means, in the chosen language', () => {
    expect(texts(rfmHeatmap(BY_MONETARY, { lang: 'zh' }))).toEqual(
      expect.arrayContaining(['RFM 热力图', '颜色深浅：平均消费金额（M）']),
    )
    expect(texts(rfmHeatmap(BY_COUNT, { lang: 'en' }))).toContain('Shade: number of customers')
  })

  it('ignores scores outside 1–5 instead of drawing a sixth row', () => {
    const bad = { ...BY_COUNT, cells: [...CELLS, { r: 6, f: 1, customers: 3, meanMonetary: 10 }] }
    expect(marks(rfmHeatmap(bad, { lang: 'en' }))).toBe(24)
  })
})
