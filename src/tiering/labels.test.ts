import { describe, expect, it } from 'vitest'
import { formatValue, labelOf, type FormatContext } from './labels.js'

const zh: FormatContext = { lang: 'zh', currency: '¥' }
const en: FormatContext = { lang: 'en', currency: '¥' }

describe('formatValue', () => {
  it('writes amounts with the currency sign, whole from 100 up and to the cent below', () => {
    expect(formatValue(86000, 'currency', zh)).toBe('¥86,000')
    expect(formatValue(12.5, 'currency', zh)).toBe('¥12.50')
    expect(formatValue(1234.4, 'currency', en)).toBe('¥1,234')
    expect(formatValue(-50, 'currency', zh)).toBe('-¥50.00')
    expect(formatValue(1200, 'currency', { lang: 'en', currency: '$' })).toBe('$1,200')
  })

  it('writes days in words of the language, one day in the singular', () => {
    expect(formatValue(12, 'days', zh)).toBe('12 天')
    expect(formatValue(12, 'days', en)).toBe('12 days')
    expect(formatValue(1, 'days', en)).toBe('1 day')
    expect(formatValue(1234, 'days', en)).toBe('1,234 days')
  })

  it('writes ratios and probabilities as percentages, with a decimal below 10%', () => {
    expect(formatValue(0.35, 'ratio', zh)).toBe('35%')
    expect(formatValue(0.05, 'ratio', zh)).toBe('5.0%')
    expect(formatValue(0.123, 'probability', en)).toBe('12%')
  })

  it('writes counts and scores whole when whole, else to one decimal', () => {
    expect(formatValue(14, 'count', zh)).toBe('14')
    expect(formatValue(3.456, 'count', zh)).toBe('3.5')
    expect(formatValue(62.98, 'score', en)).toBe('63.0')
    expect(formatValue(1500, 'score', en)).toBe('1,500')
  })

  it('writes flags as yes / no, text as it is, and a missing value as 无 / n/a', () => {
    expect(formatValue(1, 'flag', zh)).toBe('是')
    expect(formatValue(0, 'flag', en)).toBe('no')
    expect(formatValue('华东', 'text', en)).toBe('华东')
    expect(formatValue(NaN, 'currency', zh)).toBe('无')
    expect(formatValue(null, 'days', en)).toBe('n/a')
  })
})

describe('labelOf', () => {
  it('labels a _pct column by its base column', () => {
    expect(labelOf('monetary_pct')).toEqual(labelOf('monetary'))
    expect(labelOf('monetary')).toEqual({
      zh: '消费金额',
      en: 'monetary',
      unit: 'currency',
      direction: 'higher',
    })
  })

  it('drops the unit in brackets and lower-cases a leading common word only', () => {
    expect(labelOf('tenure_days')).toMatchObject({ zh: '客户年限', en: 'tenure', unit: 'days' })
    expect(labelOf('average_order_value').en).toBe('average order value')
    expect(labelOf('nps_score').en).toBe('NPS score')
    expect(labelOf('contacts_wechat').en).toBe('WeChat contacts')
  })

  it('labels model outputs from the feature table and unknown columns by their name', () => {
    expect(labelOf('clv')).toMatchObject({ zh: '预测客户终身价值', en: 'predicted CLV' })
    expect(labelOf('churn_risk').direction).toBe('lower')
    expect(labelOf('my_column')).toEqual({
      zh: 'my_column',
      en: 'my_column',
      unit: 'count',
      direction: 'higher',
    })
  })
})
