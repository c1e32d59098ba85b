import { describe, expect, it } from 'vitest'
import { formatMoney, formatParam, formatShare, html, raw } from './format.js'

describe('html', () => {
  it('escapes interpolated text but keeps fragments and raw markup as they are', () => {
    const name = `<b onclick="x">O'Brien & Co</b>`
    const cell = html`<td>${name}</td>`
    expect(cell.text).toBe('<td>&lt;b onclick=&quot;x&quot;&gt;O&#39;Brien &amp; Co&lt;/b&gt;</td>')
    expect(
      html`<tr>
        ${cell}${raw('<svg></svg>')}
      </tr>`.text,
    ).toBe(`<tr>${cell.text}<svg></svg></tr>`)
  })

  it('joins arrays and leaves out null, undefined and false', () => {
    expect(html`${['a', html`<i>b</i>`, 3]}|${null}${undefined}${false}|${0}`.text).toBe(
      'a<i>b</i>3||0',
    )
  })
})

describe('number formats', () => {
  it('writes amounts with the currency sign before the digits, minus first', () => {
    expect(formatMoney(1234567.8, '¥')).toBe('¥1,234,568')
    expect(formatMoney(-86.5, '$')).toBe('-$86.50')
    expect(formatMoney(NaN, '¥')).toBe('–')
  })

  it('keeps one decimal in shares and four significant digits in parameters', () => {
    expect(formatShare(0.15)).toBe('15.0%')
    expect(formatParam(4.41432)).toBe('4.414')
    expect(formatParam(0.0001234)).toBe('1.234e-4')
  })
})
