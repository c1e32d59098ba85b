import { describe, expect, it } from 'vitest'
import { ClienteleError } from '../../schema/index.js'
import { crmColumns } from './formats.js'

const headers = (...args: Parameters<typeof crmColumns>) => crmColumns(...args).map((c) => c.header)
const TAGS = ['tier', 'tier_name', 'segment', 'score', 'clv', 'reason', 'tiered_on']

describe('CRM import formats', () => {
  it('Salesforce: API names, custom fields in __c, the external id first', () => {
    expect(headers('salesforce', 'contact')).toEqual([
      'Clientele_Customer_Id__c',
      'LastName',
      'Email',
      'Phone',
      'Clientele_Tier__c',
      'Clientele_Tier_Name__c',
      'Clientele_Segment__c',
      'Clientele_Score__c',
      'Clientele_CLV__c',
      'Clientele_Reason__c',
      'Clientele_Tiered_On__c',
    ])
    expect(headers('salesforce', 'account').slice(0, 3)).toEqual([
      'Clientele_Customer_Id__c',
      'Name',
      'Phone',
    ])
  })

  it('HubSpot: internal property names, contacts matched on email', () => {
    expect(headers('hubspot', 'contact')).toEqual([
      'email',
      'clientele_customer_id',
      'lastname',
      'phone',
      ...TAGS.map((t) => `clientele_${t}`),
    ])
    expect(headers('hubspot', 'account').slice(0, 2)).toEqual(['clientele_customer_id', 'name'])
  })

  it('Zoho: field labels', () => {
    expect(headers('zoho', 'account')).toEqual([
      'Clientele Customer ID',
      'Account Name',
      'Phone',
      'Clientele Tier',
      'Clientele Tier Name',
      'Clientele Segment',
      'Clientele Score',
      'Clientele CLV',
      'Clientele Reason',
      'Clientele Tiered On',
    ])
  })

  it('generic: every field under its own name', () => {
    expect(headers('generic', 'contact')).toEqual([
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
    ])
  })

  it('renames, adds and leaves out fields as asked', () => {
    const h = headers('salesforce', 'contact', {
      tier: 'Custom_Tier__c',
      reason: '',
      account_manager: 'Owner_Name__c',
    })
    expect(h).toContain('Custom_Tier__c')
    expect(h).not.toContain('Clientele_Tier__c')
    expect(h).not.toContain('Clientele_Reason__c')
    expect(h.at(-1)).toBe('Owner_Name__c')
  })

  it('rejects unknown fields and clashing names', () => {
    expect(() => crmColumns('hubspot', 'contact', { colour: 'x' })).toThrow(
      new ClienteleError(
        'USAGE',
        'invalid field: colour (expected one of customer_id, name, company, email, phone, account_manager, tier, tier_name, segment, score, clv, reason, as_of, policy)',
      ),
    )
    expect(() => crmColumns('hubspot', 'contact', { tier: 'email' })).toThrow(
      'invalid field names: two columns are named email',
    )
  })
})
