import { describe, expect, it } from 'vitest'
import { createServer } from './app.js'
import { ROUTES } from './openapi.js'

const app = createServer({ store: ':memory:' })
// The app's own route table: what really answers, minus the dashboard's static catch-all.
const actual = new Set(
  app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
    .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
)

describe('GET /api/openapi.json', () => {
  it('is public JSON describing OpenAPI 3.1', async () => {
    const res = await app.request('/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toContain('/api/customers/{id}')
  })

  it('documents every route the app has, and no route it lacks', () => {
    const documented = new Set(ROUTES.map((r) => `${r.method} ${r.path}`))
    expect([...actual].filter((r) => !documented.has(r))).toEqual([])
    expect([...documented].filter((r) => !actual.has(r))).toEqual([])
  })
})
