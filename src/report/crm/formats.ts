/**
 * The import formats of the CRMs we tag customers in: which of our fields each one takes
 * and under which column name, for contacts and for accounts (companies).
 *
 * - Salesforce (Data Loader, Data Import Wizard): API names. Custom fields end in `__c`;
 *   `Clientele_Customer_Id__c` is meant as an External ID, so Data Loader can upsert on it,
 *   and the Import Wizard can match contacts on `Email`.
 * - HubSpot (contact and company import): property internal names, lower snake case;
 *   contacts match on `email`, companies on `clientele_customer_id` as a unique property.
 * - Zoho CRM (Import from file): field labels as they appear in the module's layout.
 * - generic: our own stable names, every field.
 */
import { ClienteleError } from '../../schema/index.js'

export const CRM_TARGETS = ['salesforce', 'hubspot', 'zoho', 'generic'] as const
export type CrmTarget = (typeof CRM_TARGETS)[number]
export const CRM_OBJECTS = ['contact', 'account'] as const
export type CrmObject = (typeof CRM_OBJECTS)[number]

/** What one exported row can carry, under our own stable names. */
export const CRM_FIELDS = [
  'customer_id',
  'name',
  'company',
  'email',
  'phone',
  'account_manager',
  'tier',
  'tier_name',
  'segment',
  'score',
  'clv',
  'reason',
  'as_of',
  'policy',
] as const
export type CrmField = (typeof CRM_FIELDS)[number]

/** An output column: the field it holds and its header. */
export interface CrmColumn {
  readonly field: CrmField
  readonly header: string
}

type Layout = readonly (readonly [CrmField, string])[]

const TAGS: readonly CrmField[] = [
  'tier',
  'tier_name',
  'segment',
  'score',
  'clv',
  'reason',
  'as_of',
]
const title = (f: string) =>
  f.replace(/(^|_)([a-z])/g, (_, s: string, c: string) => `${s && ' '}${c.toUpperCase()}`)
const sfName = (f: CrmField) =>
  `Clientele_${f === 'clv' ? 'CLV' : f === 'as_of' ? 'Tiered_On' : title(f).replaceAll(' ', '_')}__c`
const hsName = (f: CrmField) => `clientele_${f === 'as_of' ? 'tiered_on' : f}`
const zohoLabel = (f: CrmField) =>
  `Clientele ${f === 'clv' ? 'CLV' : f === 'as_of' ? 'Tiered On' : title(f)}`

const tags = (name: (f: CrmField) => string): Layout => TAGS.map((f) => [f, name(f)] as const)

const LAYOUTS: Readonly<Record<CrmTarget, Readonly<Record<CrmObject, Layout>>>> = {
  salesforce: {
    contact: [
      ['customer_id', 'Clientele_Customer_Id__c'],
      ['name', 'LastName'],
      ['email', 'Email'],
      ['phone', 'Phone'],
      ...tags(sfName),
    ],
    account: [
      ['customer_id', 'Clientele_Customer_Id__c'],
      ['name', 'Name'],
      ['phone', 'Phone'],
      ...tags(sfName),
    ],
  },
  hubspot: {
    contact: [
      ['email', 'email'],
      ['customer_id', 'clientele_customer_id'],
      ['name', 'lastname'],
      ['phone', 'phone'],
      ...tags(hsName),
    ],
    account: [
      ['customer_id', 'clientele_customer_id'],
      ['name', 'name'],
      ['phone', 'phone'],
      ...tags(hsName),
    ],
  },
  zoho: {
    contact: [
      ['customer_id', 'Clientele Customer ID'],
      ['name', 'Last Name'],
      ['email', 'Email'],
      ['phone', 'Phone'],
      ...tags(zohoLabel),
    ],
    account: [
      ['customer_id', 'Clientele Customer ID'],
      ['name', 'Account Name'],
      ['phone', 'Phone'],
      ...tags(zohoLabel),
    ],
  },
  generic: {
    contact: CRM_FIELDS.map((f) => [f, f] as const),
    account: CRM_FIELDS.map((f) => [f, f] as const),
  },
}

/**
 * The columns of `target`'s import file for `object`, with `overrides` applied: a field
 * mapped to a name is written under it (added if the format leaves it out), a field mapped
 * to the empty string is left out.
 * @example crmColumns('salesforce', 'contact', { tier: 'Custom_Tier__c' })
 */
export function crmColumns(
  target: CrmTarget,
  object: CrmObject,
  overrides: Readonly<Record<string, string>> = {},
): CrmColumn[] {
  const columns: CrmColumn[] = LAYOUTS[target][object].map(([field, header]) => ({ field, header }))
  for (const [key, header] of Object.entries(overrides)) {
    const field = CRM_FIELDS.find((f) => f === key)
    if (field === undefined)
      throw new ClienteleError(
        'USAGE',
        `invalid field: ${key} (expected one of ${CRM_FIELDS.join(', ')})`,
      )
    const at = columns.findIndex((c) => c.field === field)
    if (header.trim() === '') {
      if (at >= 0) columns.splice(at, 1)
    } else if (at >= 0) columns[at] = { field, header: header.trim() }
    else columns.push({ field, header: header.trim() })
  }
  const seen = new Set<string>()
  for (const c of columns) {
    if (seen.has(c.header))
      throw new ClienteleError('USAGE', `invalid field names: two columns are named ${c.header}`)
    seen.add(c.header)
  }
  if (columns.length === 0)
    throw new ClienteleError('USAGE', 'invalid field names: every column was left out')
  return columns
}
