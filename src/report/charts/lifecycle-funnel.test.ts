import { describe, expect, it } from 'vitest'
import { lifecycleFunnel, type LifecycleFunnelData } from './lifecycle-funnel.js'
import { normaliseSvg } from './normalise.js'
import { expectDeterministic, marks, snapshotPath, texts } from './testing.js'

// given out of order on purpose: the chart puts them in lifecycle order
const DATA: LifecycleFunnelData = {
  stages: [
    { id: 'churned', customers: 900 },
    { id: 'new', customers: 400 },
    { id: 'active', customers: 2_200 },
    { id: 'reactivated', customers: 150 },
    { id: 'dormant', customers: 1_350 },
  ],
}

describe('lifecycleFunnel', () => {
  it('matches the zh snapshot and renders identically twice', async () => {
    const svg = expectDeterministic(lifecycleFunnel, DATA, { lang: 'zh' })
    await expect(svg).toMatchFileSnapshot(snapshotPath('lifecycle-funnel-zh'))
  })

  it('matches the en snapshot', async () => {
    const svg = normaliseSvg(lifecycleFunnel(DATA, { lang: 'en' }))
    await expect(svg).toMatchFileSnapshot(snapshotPath('lifecycle-funnel-en'))
  })

  it('draws one bar per stage, in lifecycle order whatever the input order', () => {
    const svg = lifecycleFunnel(DATA, { lang: 'en' })
    expect(marks(svg, 1)).toBe(5)
    const stages = texts(svg).filter((t) =>
      ['New', 'Active', 'Dormant', 'Churned', 'Reactivated'].includes(t),
    )
    expect(stages).toEqual(['New', 'Active', 'Dormant', 'Churned', 'Reactivated'])
  })

  it('labels each stage with its count and share of all 5,000 customers', () => {
    const labels = texts(lifecycleFunnel(DATA, { lang: 'zh' }))
    expect(labels).toEqual(
      expect.arrayContaining([
        '客户生命周期',
        '5,000 位客户',
        '2,200 · 44%',
        '150 · 3%',
        '回流客户',
      ]),
    )
  })

  it('draws a missing stage as an empty bar rather than dropping its row', () => {
    const noReactivated = { stages: DATA.stages.filter((s) => s.id !== 'reactivated') }
    const labels = texts(lifecycleFunnel(noReactivated, { lang: 'en' }))
    expect(labels).toEqual(expect.arrayContaining(['Reactivated', '0 · 0%']))
  })
})
