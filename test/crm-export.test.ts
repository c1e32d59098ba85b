// CRM tagging: the analysed store's tiers as each CRM's import file, read back to check
// the headers and every value against the store, and a viewer's copy with contact data
// masked (SPEC §7).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportCrm } from '../src/app/index.js'
import { openEngine } from '../src/engine/index.js'
import { ClienteleError } from '../src/schema/index.js'
import { cli } from './support/cli.js'
import { tieredStore } from './support/tiered-store.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-crm-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Expected {
  customer_id: string
  name: string | null
  company: string | null
  email: string | null
  phone: string | null
  account_manager: string | null
  tier: string
  tier_name: string
  segment: string
  score: number
  clv: number
  reason_zh: string
  reason_en: string
}

let store: string
let expected: Expected[]
let asOf: string
beforeAll(async () => {
  store = await tieredStore(dir)
  const engine = await openEngine(store)
  expected = await engine.all<Expected & Record<string, unknown>>(
    `SELECT a.customer_id, c.name, c.company, c.email, c.phone, c.account_manager, a.tier, a.tier_name,
       a.segment, a.score, a.clv, a.reason_zh, a.reason_en
     FROM analysis a JOIN customers c USING (customer_id) ORDER BY a.customer_id`,
  )
  const [run] = await engine.all<{ result: string }>(`SELECT result FROM analysis_run`)
  asOf = (JSON.parse(run!.result) as { asOf: string }).asOf
  await engine.close()
})

/** The CSV read back by DuckDB as text: its header and its rows. */
async function readBack(
  path: string,
): Promise<{ headers: string[]; rows: Record<string, string | null>[] }> {
  const engine = await openEngine(':memory:')
  try {
    const from = `read_csv('${path}', header = true, all_varchar = true, auto_detect = true)`
    const cols = await engine.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${from}`)
    const rows = await engine.all<Record<string, string | null>>(`SELECT * FROM ${from}`)
    return { headers: cols.map((c) => c.column_name), rows }
  } finally {
    await engine.close()
  }
}

const money = (v: number) => String(Math.round(v * 100) / 100)

describe('CRM import files', () => {
  it('Salesforce contacts: API names, one row per customer, every value as in the store', async () => {
    const out = join(dir, 'sf.csv')
    const r = cli(['export', '--to', 'salesforce', '--store', store, '--out', out, '--json'])
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({
      path: out,
      rows: expected.length,
      masked: false,
      warnings: [],
    })
    const { headers, rows } = await readBack(out)
    expect(headers).toEqual([
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
    expect(rows).toEqual(
      expected.map((e) => ({
        Clientele_Customer_Id__c: e.customer_id,
        LastName: e.name,
        Email: e.email,
        Phone: e.phone,
        Clientele_Tier__c: e.tier,
        Clientele_Tier_Name__c: e.tier_name,
        Clientele_Segment__c: e.segment,
        Clientele_Score__c: money(e.score),
        Clientele_CLV__c: money(e.clv),
        Clientele_Reason__c: e.reason_zh,
        Clientele_Tiered_On__c: asOf,
      })),
    )
  })

  it('HubSpot with renamed and dropped properties, reasons in English', async () => {
    const out = join(dir, 'hs.csv')
    await exportCrm({
      store,
      to: 'hubspot',
      out,
      lang: 'en',
      fields: { tier: 'customer_tier', clv: '' },
    })
    const { headers, rows } = await readBack(out)
    expect(headers).toEqual([
      'email',
      'clientele_customer_id',
      'lastname',
      'phone',
      'customer_tier',
      'clientele_tier_name',
      'clientele_segment',
      'clientele_score',
      'clientele_reason',
      'clientele_tiered_on',
    ])
    expect(rows.map((r) => [r.clientele_customer_id, r.customer_tier, r.clientele_reason])).toEqual(
      expected.map((e) => [e.customer_id, e.tier, e.reason_en]),
    )
  })

  it("Zoho accounts are named for the customer's company where it has one", async () => {
    const out = join(dir, 'zoho.csv')
    await exportCrm({ store, to: 'zoho', object: 'account', out })
    const { headers, rows } = await readBack(out)
    expect(headers.slice(0, 4)).toEqual([
      'Clientele Customer ID',
      'Account Name',
      'Phone',
      'Clientele Tier',
    ])
    expect(rows.map((r) => r['Account Name'])).toEqual(expected.map((e) => e.company ?? e.name))
    expect(expected.some((e) => e.company === null)).toBe(true)
  })

  it('masks phone, email and person names for a viewer', async () => {
    const out = join(dir, 'viewer.csv')
    const r = cli([
      'export',
      '--to',
      'generic',
      '--role',
      'viewer',
      '--store',
      store,
      '--out',
      out,
      '--json',
    ])
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({
      masked: true,
      warnings: [
        'contact data is masked for role viewer: match records in the CRM on customer_id, not on email',
      ],
    })
    const { rows } = await readBack(out)
    expect(rows).toHaveLength(expected.length)
    rows.forEach((row, i) => {
      const e = expected[i]!
      expect(row.customer_id).toBe(e.customer_id)
      expect(row.phone).toBe(e.phone && `${e.phone.slice(0, 3)}****${e.phone.slice(-4)}`)
      expect(row.email).toBe(
        e.email && `${[...e.email][0]}***${e.email.slice(e.email.indexOf('@'))}`,
      )
      expect(row.name).toBe(e.name && [...e.name][0] + '*'.repeat([...e.name].length - 1))
      expect(row.company).toBe(e.company)
      expect(row.tier).toBe(e.tier)
    })
  })

  it('an account manager exports only their own customers, and must say who they are', async () => {
    const owner = expected.find((e) => e.account_manager !== null)!.account_manager!
    const out = join(dir, 'mine.csv')
    const r = await exportCrm({ store, to: 'generic', role: 'account_manager', owner, out })
    const mine = expected.filter((e) => e.account_manager === owner)
    expect(r.rows).toBe(mine.length)
    const { rows } = await readBack(out)
    expect(rows.map((row) => [row.customer_id, row.phone])).toEqual(
      mine.map((e) => [e.customer_id, e.phone]),
    )
    await expect(exportCrm({ store, to: 'generic', role: 'account_manager' })).rejects.toEqual(
      new ClienteleError(
        'USAGE',
        'an account manager exports only their own customers: give --owner with their name',
      ),
    )
  })

  it('says which file it cannot write', async () => {
    const blocker = join(dir, 'not-a-folder')
    writeFileSync(blocker, '')
    const out = join(blocker, 'crm.csv')
    await expect(exportCrm({ store, to: 'generic', out })).rejects.toEqual(
      new ClienteleError(
        'EXPORT_FAILED',
        `cannot write ${out}: EEXIST: file already exists, mkdir '${blocker}'`,
      ),
    )
  })

  it('says to run an analysis first on a store without one', () => {
    const empty = join(dir, 'empty.duckdb')
    const r = cli(['export', '--to', 'hubspot', '--store', empty, '--out', join(dir, 'x.csv')])
    expect(r.status).toBe(1)
    expect(r.stderr).toBe(
      `clientele: ${empty} has no analysis to export: run clientele analyze first\n`,
    )
  })
})
