// One real-socket smoke test: the server that `clientele serve` starts, on a free loopback port.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServer, type RunningServer } from './listen.js'
import { PASSWORD, makeFixture, type Fixture } from './test-fixtures.js'

let f: Fixture
let server: RunningServer

beforeAll(async () => {
  f = await makeFixture()
  server = await startServer({ store: f.store, port: 0, host: '127.0.0.1' })
})
afterAll(async () => {
  await server?.close()
  f?.cleanup()
})

it('serves health and a login over a real socket', async () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  const health = await fetch(`${server.url}/api/health`)
  expect(health.status).toBe(200)
  expect(await health.json()).toEqual({ status: 'ok' })
  const login = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ada', password: PASSWORD }),
  })
  expect(login.status).toBe(200)
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const tiers = await fetch(`${server.url}/api/tiers`, { headers: { cookie } })
  expect(tiers.status).toBe(200)
  const audit = await fetch(`${server.url}/api/audit`, { headers: { cookie } })
  const entries = ((await audit.json()) as { entries: { ip: string }[] }).entries
  expect(entries[0]!.ip).toBe('127.0.0.1')
})
