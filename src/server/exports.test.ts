import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withStore } from '../app/index.js'
import { CRM_OBJECTS, maskName } from '../report/index.js'
import { createServer } from './app.js'
import { addUser } from './auth-store.js'
import { EXPORT_FORMATS } from './exports.js'
import { PASSWORD, login, makeFixture, type Fixture } from './test-fixtures.js'

let f: Fixture
let app: ReturnType<typeof createServer>
const as: Record<string, Record<string, string>> = {}

beforeAll(async () => {
  f = await makeFixture()
  app = createServer({ store: f.store })
  for (const u of ['ada', 'vic', f.manager]) as[u] = (await login(app, u)).headers
})
afterAll(() => f?.cleanup())

const get = (path: string, user: string) => app.request(path, { headers: as[user] })

/** The CSV's rows as records by header; the test data has no quoted commas in these columns. */
async function records(res: Response): Promise<Record<string, string>[]> {
  const [head, ...lines] = (await res.text())
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\n')
  const cols = head!.split(',')
  return lines.map((l) => {
    const cells = l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''))
    return Object.fromEntries(cols.map((k, i) => [k, cells[i]!.replace(/^"|"$/g, '')]))
  })
}

describe('exports', () => {
  it('lists the formats it offers, each of which downloads, and no other', async () => {
    const res = await get('/api/exports', 'vic')
    expect(res.status).toBe(200)
    const list = (await res.json()) as { formats: string[]; objects: string[] }
    expect(list).toEqual({ formats: [...EXPORT_FORMATS], objects: [...CRM_OBJECTS] })
    expect(list.formats).toEqual(['csv', 'salesforce', 'hubspot', 'zoho', 'generic'])
    for (const format of list.formats) {
      const r = await get(`/api/exports/${format}?lang=en`, 'vic')
      expect(r.status, format).toBe(200)
      await r.body?.cancel()
    }
    expect((await get('/api/exports/pdf', 'vic')).status).toBe(400)
  })

  it('downloads the analysis table as CSV under a safe file name', async () => {
    const res = await get('/api/exports/csv', 'ada')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="clientele-analysis.csv"',
    )
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const rows = await records(res)
    expect(rows).toHaveLength(150)
    expect(rows[0]).toHaveProperty('tier')
    expect(res.headers.get('x-export-rows')).toBe('150')
  })

  it('masks person names for a viewer and limits a manager to own customers', async () => {
    const full = await records(await get('/api/exports/csv', 'ada'))
    const viewer = await records(await get('/api/exports/csv', 'vic'))
    expect(viewer.map((r) => r.customer_id)).toEqual(full.map((r) => r.customer_id))
    viewer.forEach((r, i) => {
      const { name, company } = full[i]!
      expect(r.name).toBe(name === '' || name === company ? name : maskName(name!))
    })
    expect(viewer.some((r, i) => r.name !== full[i]!.name)).toBe(true)
    const mine = await records(await get('/api/exports/csv', f.manager))
    expect(mine.length).toBeGreaterThan(0)
    expect(mine.length).toBeLessThan(150)
    expect(mine.every((r) => r.account_manager === f.manager)).toBe(true)
  })

  it('exports the import file of each CRM, with contacts masked for a viewer', async () => {
    for (const to of ['salesforce', 'hubspot', 'zoho', 'generic']) {
      const res = await get(`/api/exports/${to}`, 'ada')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="clientele-crm-${to}.csv"`,
      )
      expect(await records(res)).toHaveLength(150)
    }
    const full = await records(await get('/api/exports/generic', 'ada'))
    const masked = await records(await get('/api/exports/generic', 'vic'))
    const emails = masked.map((r) => r.email).filter((e) => e !== '')
    expect(emails.length).toBeGreaterThan(0)
    expect(emails.every((e) => /^.\*\*\*@/.test(e!))).toBe(true)
    expect(full.some((r) => r.email !== '' && !r.email!.includes('***'))).toBe(true)
    const accounts = await get('/api/exports/hubspot?object=account', 'ada')
    expect(accounts.status).toBe(200)
  })

  it('answers 400 for an unknown format or option, never touching the file system', async () => {
    for (const path of [
      '/api/exports/xlsx',
      '/api/exports/..%2F..%2Fetc%2Fpasswd',
      '/api/exports/csv%00',
      '/api/exports/hubspot?object=deal',
    ]) {
      const res = await get(path, 'ada')
      expect(res.status).toBe(400)
      expect(((await res.json()) as { code: string }).code).toBe('USAGE')
    }
    expect((await get('/api/exports/..', 'ada')).status).toBe(404)
    expect((await app.request('/api/exports/csv')).status).toBe(401)
  })

  it('audits every export', async () => {
    const res = await get('/api/audit?action=export&limit=1000', 'ada')
    const { entries } = (await res.json()) as {
      entries: { user: string; target: string; outcome: string; detail: string }[]
    }
    const seen = entries.map((e) => `${e.user} ${e.target} ${e.outcome} ${e.detail}`)
    expect(seen).toContain('ada csv ok 150 rows')
    expect(seen).toContain('vic generic ok 150 rows, masked')
    expect(seen).toContain('ada xlsx failed USAGE: invalid export format')
  })

  it('audits a failed export: a store without an analysis answers 404', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientele-exports-'))
    try {
      const store = join(dir, 'store.duckdb')
      await withStore(store, (e) => addUser(e, 'ada', 'admin', PASSWORD))
      const empty = createServer({ store })
      const { headers } = await login(empty, 'ada')
      const res = await empty.request('/api/exports/csv', { headers })
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual({
        error: 'no analysis yet: run one first',
        code: 'NOT_FOUND',
        issues: [],
      })
      // The tiers of a store without an analysis are not found either, as OpenAPI says.
      const tiers = await empty.request('/api/tiers', { headers })
      expect(tiers.status).toBe(404)
      expect(((await tiers.json()) as { code: string }).code).toBe('NOT_FOUND')
      const log = await empty.request('/api/audit?action=export', { headers })
      const { entries } = (await log.json()) as { entries: Record<string, string>[] }
      expect(entries.map((e) => `${e.user} ${e.target} ${e.outcome}`)).toEqual(['ada csv failed'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
