import { describe, expect, it } from 'vitest'
import { cellValue, columnWidth, displayWidth, numberWidth, unitOfType } from './cell-format.js'

describe('cell formats', () => {
  it('counts CJK and full-width characters as two columns, others as one', () => {
    expect(displayWidth('客户A')).toBe(5)
    expect(displayWidth('(Ｖ)')).toBe(4)
  })

  it('keeps columns between 8 and 60 wide, leaving room for the filter button', () => {
    expect(columnWidth('ID', 1)).toBe(8)
    expect(columnWidth('客户终身价值', 4)).toBe(15)
    expect(columnWidth('reason', 500)).toBe(60)
  })

  it('sizes numbers as formatted, with room for a minus sign: 7 digits of currency as -1,234,567.89', () => {
    expect(numberWidth('currency', 7)).toBe('-1,234,567.89'.length)
    expect(numberWidth('count', 4)).toBe('-1,234'.length)
    expect(numberWidth('probability', 1)).toBe('-100.0%'.length)
  })

  it('infers units of undeclared columns from their SQL type', () => {
    expect(
      ['DATE', 'TIMESTAMP WITH TIME ZONE', 'BIGINT', 'DECIMAL(18,2)', 'BOOLEAN', 'VARCHAR[]'].map(
        unitOfType,
      ),
    ).toEqual(['date', 'date', 'count', 'score', 'flag', 'text'])
  })

  it('writes non-finite numbers as empty cells, flags as words, and caps text at 32,767 characters', () => {
    expect(cellValue(Number.NaN, 'zh')).toBeNull()
    expect(cellValue(true, 'zh')).toBe('是')
    expect(cellValue(false, 'en')).toBe('No')
    expect(cellValue(['a', 1n], 'en')).toBe('["a",1]')
    expect((cellValue('x'.repeat(40_000), 'en') as string).length).toBe(32_767)
  })
})
