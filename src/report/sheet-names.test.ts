import { describe, expect, it } from 'vitest'
import { SHEET_NAME_MAX, SheetNamer, sanitiseSheetName } from './sheet-names.js'

describe('sanitiseSheetName', () => {
  it('removes the characters Excel forbids in sheet names ([ ] : * ? / \\)', () => {
    expect(sanitiseSheetName('[A]/B\\C:D*E?F')).toBe('ABCDEF')
  })

  it("cuts names to Excel's 31 characters, counting a CJK character as one", () => {
    const name = sanitiseSheetName('高价值客户'.repeat(8))
    expect(name).toBe('高价值客户'.repeat(6) + '高')
    expect(name).toHaveLength(SHEET_NAME_MAX)
  })

  it('does not split an astral character in two when cutting (Excel would reject the half)', () => {
    expect(sanitiseSheetName('a'.repeat(30) + '𠀀𠀀')).toBe('a'.repeat(30))
  })

  it('drops leading and trailing apostrophes, which Excel refuses', () => {
    expect(sanitiseSheetName("'VIP'")).toBe('VIP')
  })

  it('falls back when nothing is left, or the name is the reserved History', () => {
    expect(sanitiseSheetName('[?]', '等级 1')).toBe('等级 1')
    expect(sanitiseSheetName('history')).toBe('Sheet')
  })
})

describe('SheetNamer', () => {
  it('numbers repeats, ignoring case as Excel does', () => {
    const namer = new SheetNamer()
    expect(['Summary', 'summary', 'SUMMARY', 'Gold'].map((n) => namer.name(n))).toEqual([
      'Summary',
      'summary (2)',
      'SUMMARY (3)',
      'Gold',
    ])
  })

  it('shortens a long repeated name so the suffix still fits in 31 characters', () => {
    const namer = new SheetNamer()
    const long = 'x'.repeat(40)
    namer.name(long)
    expect(namer.name(long)).toBe('x'.repeat(27) + ' (2)')
  })

  it('treats names that differ only in forbidden characters as repeats', () => {
    const namer = new SheetNamer()
    expect([namer.name('A/B'), namer.name('AB')]).toEqual(['AB', 'AB (2)'])
  })
})
