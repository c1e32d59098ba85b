// A small analysed store with one user per role, shared by the server's tests.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { analyze, generate, importData } from '../app/index.js'
import { openEngine } from '../engine/index.js'
import { addUser } from './auth-store.js'

export const PASSWORD = 'correct horse battery'

export interface Fixture {
  readonly dir: string
  readonly store: string
  /** The account manager with the most customers, added as user of role manager. */
  readonly manager: string
  readonly ownCustomer: string
  readonly otherCustomer: string
  cleanup(): void
}

export async function makeFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-server-'))
  const store = join(dir, 'store.duckdb')
  const g = await generate({
    customers: 150,
    seed: 11,
    outDir: join(dir, 'data'),
    lang: 'en',
    start: '2023-01-01',
    end: '2024-06-30',
  })
  const files = g.files.filter((f) => f.table !== 'truth').map((f) => f.path)
  expect((await importData({ store, files })).ok).toBe(true)
  await analyze({ store, formats: [] })
  const e = await openEngine(store)
  try {
    const [top] = await e.all<{ m: string }>(
      `SELECT account_manager AS m FROM analysis WHERE account_manager IS NOT NULL
       GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    )
    const manager = top!.m
    const [own] = await e.all<{ id: string }>(
      `SELECT customer_id AS id FROM analysis WHERE account_manager = $m LIMIT 1`,
      { m: manager },
    )
    const [other] = await e.all<{ id: string }>(
      `SELECT customer_id AS id FROM analysis WHERE account_manager <> $m LIMIT 1`,
      { m: manager },
    )
    for (const [name, role] of [
      ['ada', 'admin'],
      ['ann', 'analyst'],
      [manager, 'manager'],
      ['vic', 'viewer'],
    ] as const)
      await addUser(e, name, role, PASSWORD)
    return {
      dir,
      store,
      manager,
      ownCustomer: own!.id,
      otherCustomer: other!.id,
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    }
  } finally {
    await e.close()
  }
}

/** Signs `username` in; the cookie header and CSRF token to send with later requests. */
export async function login(
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  username: string,
  password = PASSWORD,
): Promise<{ cookie: string; csrf: string; headers: Record<string, string> }> {
  const res = await app.request('/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  expect(res.status).toBe(200)
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  return { cookie, csrf: csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } }
}
