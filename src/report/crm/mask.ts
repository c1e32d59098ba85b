/**
 * Masking of contact data for roles without rights to personal data (SPEC §7): a viewer sees
 * that a customer has a phone, an email and a name, never what they are. Masks keep just
 * enough to recognise a record one already knows: 138****5678, a***@example.com, 张**.
 */

/** The roles of SPEC §7; only `viewer` lacks the right to see contact data. */
export const ROLES = ['admin', 'analyst', 'account_manager', 'viewer'] as const
export type Role = (typeof ROLES)[number]

/** Whether `role` may see phone numbers, emails and person names unmasked. */
export function canSeeContacts(role: Role): boolean {
  return role !== 'viewer'
}

/**
 * A phone number with all digits but the first three and the last four replaced by `*`;
 * separators stay. Numbers of fewer than 8 digits keep only their last two.
 * @example maskPhone('13812345678') // '138****5678'
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length
  const [head, tail] = digits >= 8 ? [3, 4] : [0, Math.min(2, digits - 1)]
  let seen = 0
  return phone.replace(/\d/g, (d) => {
    seen++
    return seen <= head || seen > digits - tail ? d : '*'
  })
}

/**
 * An email with its local part cut to the first character and `***`; the domain stays, so
 * one still sees which company a contact is at.
 * @example maskEmail('alice@example.com') // 'a***@example.com'
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at <= 0) return '***'
  return `${[...email.slice(0, at)][0]}***${email.slice(at)}`
}

/**
 * A person's name with every character after the first of each word replaced by `*`.
 * @example maskName('张三丰') // '张**'
 * @example maskName('Ada Lovelace') // 'A** L*******'
 */
export function maskName(name: string): string {
  return name.replace(/\S+/g, (word) => {
    const chars = [...word]
    return chars[0] + '*'.repeat(chars.length - 1)
  })
}
