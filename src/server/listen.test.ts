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

it('takes an upload over a real socket, and refuses one past the limit with 413', async () => {
  const login = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ann', password: PASSWORD }),
  })
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const { csrfToken } = (await login.json()) as { csrfToken: string }
  const headers = { cookie, 'x-csrf-token': csrfToken }
  const form = (rows: number) => {
    const fd = new FormData()
    const csv = `customer_id,order_date,amount\n${'S1,2024-02-01,5\n'.repeat(rows)}`
    fd.append('files', new File([csv], 'socket.csv'))
    return fd
  }
  const ok = await fetch(`${server.url}/api/imports`, { method: 'POST', headers, body: form(1) })
  expect(ok.status).toBe(200)
  expect(((await ok.json()) as { files: { file: string }[] }).files[0]!.file).toBe('socket.csv')
  const small = await startServer({
    store: f.store,
    port: 0,
    host: '127.0.0.1',
    maxUploadBytes: 1024,
  })
  try {
    const big = await fetch(`${small.url}/api/imports`, {
      method: 'POST',
      headers,
      body: form(200),
    })
    expect(big.status).toBe(413)
    expect(await big.json()).toEqual({
      error: 'the upload is larger than 1,024 bytes',
      code: 'PAYLOAD_TOO_LARGE',
      issues: [],
    })
  } finally {
    await small.close()
  }
})
