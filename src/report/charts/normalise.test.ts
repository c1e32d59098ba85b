import { describe, expect, it } from 'vitest'
import { normaliseSvg } from './normalise.js'
import { tierDistributionChart } from './tier-distribution.js'

describe('normaliseSvg', () => {
  it('rounds geometry to 1 decimal and other attributes to 2, leaving integers and text alone', () => {
    const svg =
      '<path d="M10.04 2.96L3.25 -0.04" transform="translate(1.55 2)" fill-opacity="0.333333"/><text>1.23456</text>'
    expect(normaliseSvg(svg)).toBe(
      '<path d="M10 3L3.3 0" transform="translate(1.6 2)" fill-opacity="0.33"/><text>1.23456</text>\n',
    )
  })

  it('leaves hex colours alone, which would otherwise parse as numbers (#e4e7eb holds 4e7)', () => {
    expect(normaliseSvg('<rect fill="#e4e7eb" stroke="#1e5e3a"/>')).toBe(
      '<rect fill="#e4e7eb" stroke="#1e5e3a"/>\n',
    )
  })

  it('leaves namespaces and links alone (w3.org is not a number)', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"/>'
    expect(normaliseSvg(svg)).toBe(`${svg}\n`)
  })

  it('renumbers zrender ids per kind in order of appearance, keeping references consistent', () => {
    const svg =
      '<g clip-path="url(#zr12-c3)" class="zr12-cls-4"/><clipPath id="zr12-c3"/><g class="zr12-cls-7"/><g class="zr12-cls-4"/>'
    expect(normaliseSvg(svg)).toBe(
      '<g clip-path="url(#zr0-c0)" class="zr0-cls-0"/><clipPath id="zr0-c0"/><g class="zr0-cls-1"/><g class="zr0-cls-0"/>\n',
    )
  })

  it('makes two renders byte-identical although zrender numbers each chart instance anew', () => {
    const data = { tiers: [{ id: 'A', name: { zh: '甲', en: 'A' }, customers: 3, value: 7 }] }
    const first = tierDistributionChart(data, { lang: 'en' })
    const second = tierDistributionChart(data, { lang: 'en' })
    expect(first).not.toBe(second)
    expect(normaliseSvg(first)).toBe(normaliseSvg(second))
  })

  it('drops trailing whitespace and ends with exactly one newline', () => {
    expect(normaliseSvg('<svg>  \r\n<g/>\t\n\n')).toBe('<svg>\n<g/>\n')
  })
})
