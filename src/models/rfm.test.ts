import { describe, expect, it } from 'vitest'
import { isClienteleError } from '../schema/index.js'
import {
  RFM_CN8_CLASSES,
  RFM_SEGMENTS,
  RFM_SEGMENT_GRID,
  rfmEightClasses,
  rfmScores,
  rfmSegments,
  type RfmSegmentGrid,
} from './rfm.js'

// Ten customers c0…c9, with ties in recency (5, 5 and 20, 20, 20) and frequency (six 1s).
const input = {
  recency: Float64Array.of(20, 5, 200, 20, 60, 10, 5, 90, 20, 40),
  frequency: Float64Array.of(3, 1, 1, 12, 1, 2, 5, 1, 1, 1),
  monetary: Float64Array.of(300, 50, 20, 2000, 80, 150, 900, 60, 40, 100),
}

describe('rfmScores', () => {
  const s = rfmScores(input)

  it('scores recency so the most recent customers get 5 and the three tied at 20 days share 3', () => {
    // doubled mid-ranks 2·below + ties: 5→2, 10→5, 20→9, 40→13, 60→15, 90→17, 200→19;
    // lower is better, g = 20 − m: 18, 15, 11, 7, 5, 3, 1; score = min(5, 1 + ⌊5(g − 1)/17⌋):
    // 5→5, 10→5 (4.1), 20→3 (2.9), 40→2 (1.8), 60→2 (1.2), 90→1, 200→1
    expect([...s.r]).toEqual([3, 5, 1, 3, 2, 5, 5, 1, 3, 2])
    expect(s.recency.counts).toEqual([2, 2, 3, 0, 3])
    // value-ascending bins: {5, 10} {} {20} {40, 60} {90, 200} → cut j = smallest value in bins > j
    expect(s.recency.cuts).toEqual([20, 20, 40, 90])
  })

  it('reports the empty recency bin instead of silently collapsing it (30% tie at 20 days)', () => {
    expect(s.recency.effectiveBins).toBe(4)
    expect(s.warnings[0]).toEqual({
      code: 'empty_bins',
      message:
        'recency: 5 bins requested but only 4 used (score 4 empty): 30% of customers share the value 20',
    })
  })

  it('gives the six one-time buyers frequency score 1 even though they are 60% of customers', () => {
    // m: 1→6, 2→13, 3→15, 5→17, 12→19; range 6…19; score = 1 + ⌊5(m − 6)/13⌋: 1, 3 (2.7), 4 (3.5), 5, 5
    expect([...s.f]).toEqual([4, 1, 1, 5, 1, 3, 5, 1, 1, 1])
    expect(s.frequency.counts).toEqual([6, 0, 1, 1, 2])
    expect(s.frequency.cuts).toEqual([2, 2, 3, 5])
  })

  it('puts two customers in each monetary quintile when all values differ', () => {
    // ascending 20 40 | 50 60 | 80 100 | 150 300 | 900 2000
    expect([...s.m]).toEqual([4, 2, 1, 5, 3, 4, 5, 2, 1, 3])
    expect(s.monetary.cuts).toEqual([50, 80, 150, 900])
    expect(s.monetary.warnings).toEqual([])
  })

  it('combines F and M into FM = round((F + M) / 2) with halves rounded up', () => {
    // c1: (1 + 2)/2 = 1.5 → 2; c5: (3 + 4)/2 = 3.5 → 4; c2: (1 + 1)/2 = 1
    expect([...s.fm]).toEqual([4, 2, 1, 5, 2, 4, 5, 2, 1, 2])
  })

  it('applies custom recency cut points as left-closed day ranges (< 30 days scores 5)', () => {
    const custom = rfmScores(input, { cuts: { recency: [30, 60, 90, 180] } })
    // 60 ≥ 30, 60 → bin 2 → 5 − 2 = 3; 90 → bin 3 → 2; 200 → 1; 40 → 4
    expect([...custom.r]).toEqual([5, 5, 1, 5, 3, 5, 5, 2, 5, 4])
    expect(custom.recency.method).toBe('custom')
    expect(custom.recency.cuts).toEqual([30, 60, 90, 180])
  })

  it('warns when custom frequency cut points leave a score empty', () => {
    const custom = rfmScores(input, { cuts: { frequency: [2, 4, 6, 10] } })
    // 1 → 1, 2 and 3 → 2, 5 → 3, 12 → 5; nobody in [6, 10)
    expect([...custom.f]).toEqual([2, 1, 1, 5, 1, 2, 3, 1, 1, 1])
    expect(custom.frequency.warnings.map((w) => w.message)).toEqual([
      'frequency: 5 bins requested but only 4 used (score 4 empty): no customer falls between those custom cut points',
    ])
  })

  it('rejects custom cut points that are not strictly ascending', () => {
    expect(() => rfmScores(input, { cuts: { recency: [60, 30] } })).toThrow(
      'recency cuts must be strictly ascending: 60 then 30',
    )
  })

  it('rejects a NaN recency with MODEL_INVALID_INPUT and the element named', () => {
    const bad = { ...input, recency: Float64Array.of(1, 2, NaN, 4, 5, 6, 7, 8, 9, 10) }
    let error: unknown
    try {
      rfmScores(bad)
    } catch (e) {
      error = e
    }
    expect(isClienteleError(error) && error.code).toBe('MODEL_INVALID_INPUT')
    expect((error as Error).message).toBe('recency[2] is not a finite number: NaN')
  })

  it('rejects columns of different lengths', () => {
    expect(() => rfmScores({ ...input, frequency: new Float64Array(9) })).toThrow(
      'frequency has 9 elements, expected 10',
    )
  })
})

describe('rfmEightClasses', () => {
  const ids = (classes: Uint8Array) => [...classes].map((c) => RFM_CN8_CLASSES[c]?.id)

  it('splits at the means (47 days, 2.8 orders, 370) with recent = high R', () => {
    const r = rfmEightClasses(input)
    expect(r.thresholds).toEqual({ recency: 47, frequency: 2.8, monetary: 370 })
    // c3 and c6 beat every mean; c0 is recent and frequent but spends 300 < 370
    expect(ids(r.classes)).toEqual([
      'general_value',
      'general_develop',
      'general_retain',
      'important_value',
      'general_retain',
      'general_develop',
      'important_value',
      'general_retain',
      'general_develop',
      'general_develop',
    ])
    expect(r.counts).toEqual([2, 0, 0, 0, 1, 4, 0, 3])
  })

  it('counts a value equal to the median as low (c0, c3 and c8 sit exactly on the 20-day median)', () => {
    const r = rfmEightClasses(input, { center: 'median' })
    // medians: recency (20 + 20)/2 = 20, frequency 1, monetary (80 + 100)/2 = 90
    expect(r.thresholds).toEqual({ recency: 20, frequency: 1, monetary: 90 })
    expect(ids(r.classes)).toEqual([
      'important_keep',
      'general_develop',
      'general_retain',
      'important_keep',
      'general_retain',
      'important_value',
      'important_value',
      'general_retain',
      'general_retain',
      'important_retain',
    ])
  })

  it('accepts R scores (higher is better) when told the direction', () => {
    const scores = {
      recency: Float64Array.of(5, 1),
      frequency: Float64Array.of(3, 3),
      monetary: Float64Array.of(9, 1),
    }
    const r = rfmEightClasses(scores, { recencyDirection: 'higher' })
    expect(ids(r.classes)).toEqual(['important_develop', 'general_retain'])
  })

  it('names every class in Chinese and English with its R, F, M levels', () => {
    expect(RFM_CN8_CLASSES[3]).toEqual({
      id: 'important_retain',
      zh: '重要挽留客户',
      en: 'Important to win back',
      r: 'low',
      f: 'low',
      m: 'high',
    })
  })
})

describe('rfmSegments', () => {
  it('maps the ten customers through the default R × FM grid', () => {
    const s = rfmScores(input)
    const seg = rfmSegments(s.r, s.fm)
    // (R, FM): (3,4) (5,2) (1,1) (3,5) (2,2) (5,4) (5,5) (1,2) (3,1) (2,2)
    expect([...seg.segments].map((i) => RFM_SEGMENTS[i]?.id)).toEqual([
      'loyal',
      'potential_loyalist',
      'lost',
      'loyal',
      'hibernating',
      'champions',
      'champions',
      'hibernating',
      'about_to_sleep',
      'hibernating',
    ])
    expect(seg.counts).toEqual([2, 2, 1, 0, 0, 0, 1, 0, 0, 3, 1])
  })

  it('covers all eleven segments in the default grid (none unreachable)', () => {
    expect(new Set(RFM_SEGMENT_GRID.flat()).size).toBe(11)
  })

  it('follows a custom grid', () => {
    const grid: RfmSegmentGrid = RFM_SEGMENT_GRID.map((row) => row.map(() => 'loyal' as const))
    expect([...rfmSegments(Uint8Array.of(1, 5), Uint8Array.of(5, 1), grid).segments]).toEqual([
      1, 1,
    ])
  })

  it('rejects a score outside 1–5 and an unknown id in a custom grid', () => {
    expect(() => rfmSegments(Uint8Array.of(3, 6), Uint8Array.of(1, 1))).toThrow(
      'r[1] must be a score from 1 to 5: got 6',
    )
    const grid = RFM_SEGMENT_GRID.map((row) => [...row]) as string[][]
    grid[2]![4] = 'vip'
    expect(() => rfmSegments(Uint8Array.of(1), Uint8Array.of(1), grid as RfmSegmentGrid)).toThrow(
      'RFM segment grid cell [3][5] is not a segment id: vip',
    )
  })
})
