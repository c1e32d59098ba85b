import { describe, expect, it } from 'vitest'
import { canSeeContacts, maskEmail, maskName, maskPhone } from './mask.js'

describe('masking contact data (SPEC §7)', () => {
  it('keeps the first three and last four digits of a phone number, and its separators', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('+86 138-1234-5678')).toBe('+86 1**-****-5678')
    expect(maskPhone('010-6512-3456')).toBe('010-****-3456')
  })

  it('keeps only the last two digits of a number too short to show more', () => {
    expect(maskPhone('12345')).toBe('***45')
  })

  it("cuts an email's local part to its first character and keeps the domain", () => {
    expect(maskEmail('alice@example.com')).toBe('a***@example.com')
    expect(maskEmail('张伟@例子.cn')).toBe('张***@例子.cn')
    expect(maskEmail('not-an-email')).toBe('***')
  })

  it('keeps the first character of each word of a name', () => {
    expect(maskName('张三丰')).toBe('张**')
    expect(maskName('张三')).toBe('张*')
    expect(maskName('Ada Lovelace')).toBe('A** L*******')
  })

  it('masks for viewers only', () => {
    expect(
      ['admin', 'analyst', 'account_manager', 'viewer'].map((r) => canSeeContacts(r as 'viewer')),
    ).toEqual([true, true, true, false])
  })
})
