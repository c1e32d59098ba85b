// `clientele push` against a real HTTP server on 127.0.0.1 that fails on purpose: retries
// with backoff on 5xx, 429 (Retry-After) and timeouts, one idempotency key per batch on
// every attempt, bodies signed with the secret, a permanent 4xx that stops the push, and a
// rerun that resumes at the failed batch without resending delivered ones.
import { execFile } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { PUSH_LOG_TABLE, pushTiers, type PushTiersOptions } from '../src/app/index.js'
import { openEngine } from '../src/engine/index.js'
import { verifySignature } from '../src/report/index.js'
import { ClienteleError } from '../src/schema/index.js'
import { BIN } from './support/cli.js'
import { tieredStore } from './support/tiered-store.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-push-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Hit {
  readonly headers: IncomingHttpHeaders
  readonly body: string
  readonly json: {
    batch_id: string
    batch: number
    batches: number
    customers: { customer_id: string; tier: string; previous_tier: string | null }[]
  }
}
type Reply = { status: number; headers?: Record<string, string>; body?: string } | 'hang'

const servers: { close(): void }[] = []
afterEach(() => servers.splice(0).forEach((s) => s.close()))

/** A webhook on 127.0.0.1 answering request n (from 1) with `reply(hit, n)`. */
async function webhook(reply: (hit: Hit, n: number) => Reply) {
  const hits: Hit[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (body += c))
    req.on('end', () => {
      const hit = { headers: req.headers, body, json: JSON.parse(body) }
      hits.push(hit)
      const r = reply(hit, hits.length)
      if (r === 'hang') return
      res.writeHead(r.status, r.headers).end(r.body ?? '')
    })
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  servers.push({ close: () => (server.closeAllConnections(), server.close()) })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/tiers`, hits }
}

let base: string
let customers: { customer_id: string; tier: string }[]
beforeAll(async () => {
  base = await tieredStore(dir, 40)
  const engine = await openEngine(base)
  customers = await engine.all(`SELECT customer_id, tier FROM analysis ORDER BY customer_id`)
  await engine.close()
})

let copies = 0
const freshStore = () => {
  const store = join(dir, `push-${++copies}.duckdb`)
  copyFileSync(base, store)
  return store
}

const SECRET = 'whsec_test'
const sleeps: number[] = []
const fast = (
  store: string,
  url: string,
  extra: Partial<PushTiersOptions> = {},
): PushTiersOptions => ({
  store,
  webhook: url,
  secret: SECRET,
  batch: 1000,
  delivery: {
    attempts: 4,
    baseDelayMs: 5,
    timeoutMs: 300,
    sleep: async (ms) => void sleeps.push(ms),
  },
  ...extra,
})

async function log(store: string) {
  const engine = await openEngine(store)
  try {
    return await engine.all(
      `SELECT batch_no, status, attempts, http_status, delivered_at IS NOT NULL AS delivered FROM ${PUSH_LOG_TABLE} ORDER BY created_at, batch_no`,
    )
  } finally {
    await engine.close()
  }
}

describe('clientele push', () => {
  it('retries 500 twice, then delivers every tier in one signed batch under one key', async () => {
    sleeps.length = 0
    const hook = await webhook((_, n) => (n <= 2 ? { status: 500, body: 'boom' } : { status: 200 }))
    const store = freshStore()
    const r = await pushTiers(fast(store, hook.url))
    expect(r).toEqual({
      target: hook.url,
      resumed: 0,
      delivered: 1,
      customers: customers.length,
      unchanged: 0,
    })
    expect(hook.hits).toHaveLength(3)
    expect(sleeps).toEqual([5, 10])
    const keys = new Set(hook.hits.map((h) => h.headers['idempotency-key']))
    expect([...keys]).toEqual([hook.hits[0]!.json.batch_id])
    for (const h of hook.hits) {
      expect(verifySignature(SECRET, h.body, h.headers['x-clientele-signature'] as string)).toBe(
        true,
      )
      expect(verifySignature('wrong', h.body, h.headers['x-clientele-signature'] as string)).toBe(
        false,
      )
      expect(Math.abs(Number(h.headers['x-clientele-timestamp']) - Date.now() / 1000)).toBeLessThan(
        60,
      )
      expect(h.body).toBe(hook.hits[0]!.body)
    }
    expect(
      hook.hits[0]!.json.customers.map((c) => [c.customer_id, c.tier, c.previous_tier]),
    ).toEqual(customers.map((c) => [c.customer_id, c.tier, null]))
    expect(await log(store)).toEqual([
      { batch_no: 1, status: 'delivered', attempts: 3, http_status: 200, delivered: true },
    ])
  })

  it('waits as long as a 429 says in Retry-After', async () => {
    sleeps.length = 0
    const hook = await webhook((_, n) =>
      n === 1 ? { status: 429, headers: { 'Retry-After': '2' } } : { status: 204 },
    )
    await pushTiers(fast(freshStore(), hook.url))
    expect(sleeps).toEqual([2000])
    expect(hook.hits).toHaveLength(2)
  })

  it('gives up on a request that hangs past the timeout and sends it again', async () => {
    const hook = await webhook((_, n) => (n === 1 ? 'hang' : { status: 200 }))
    const store = freshStore()
    const started = Date.now()
    await pushTiers(fast(store, hook.url))
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
    expect(hook.hits.map((h) => h.headers['idempotency-key'])).toEqual([
      hook.hits[0]!.json.batch_id,
      hook.hits[0]!.json.batch_id,
    ])
    expect(await log(store)).toMatchObject([{ status: 'delivered', attempts: 2 }])
  })

  it('stops at a permanent 4xx; a rerun resumes at that batch, same key, and skips delivered ones', async () => {
    let refuse = true
    const hook = await webhook((h) =>
      refuse && h.json.batch === 2 ? { status: 403, body: 'bad token' } : { status: 200 },
    )
    const store = freshStore()
    const size = Math.ceil(customers.length / 3)
    await expect(pushTiers(fast(store, hook.url, { batch: size }))).rejects.toEqual(
      new ClienteleError(
        'PUSH_FAILED',
        'the webhook refused batch 2 of 3 (HTTP 403: bad token); fix the webhook or the secret, then run clientele push again to resume; delivered batches are not sent again',
      ),
    )
    expect(hook.hits.map((h) => h.json.batch)).toEqual([1, 2])
    expect(await log(store)).toEqual([
      { batch_no: 1, status: 'delivered', attempts: 1, http_status: 200, delivered: true },
      { batch_no: 2, status: 'rejected', attempts: 1, http_status: 403, delivered: false },
      { batch_no: 3, status: 'pending', attempts: 0, http_status: null, delivered: false },
    ])
    const refused = hook.hits[1]!
    refuse = false
    const r = await pushTiers(fast(store, hook.url, { batch: size }))
    expect(r).toMatchObject({
      resumed: 2,
      delivered: 2,
      customers: customers.length - size,
      unchanged: size,
    })
    expect(hook.hits.slice(2).map((h) => h.json.batch)).toEqual([2, 3])
    expect(hook.hits[2]!.headers['idempotency-key']).toBe(refused.headers['idempotency-key'])
    expect(hook.hits[2]!.body).toBe(refused.body)
    const again = await pushTiers(fast(store, hook.url, { batch: size }))
    expect(again).toEqual({
      target: hook.url,
      resumed: 0,
      delivered: 0,
      customers: 0,
      unchanged: customers.length,
    })
    expect(hook.hits).toHaveLength(4)
  })

  it('pushes only the customers whose tier changed since the last delivery', async () => {
    const hook = await webhook(() => ({ status: 200 }))
    const store = freshStore()
    await pushTiers(fast(store, hook.url))
    const moved = customers.slice(0, 2)
    const engine = await openEngine(store)
    await engine.run(
      `UPDATE analysis SET tier = 'vip' WHERE customer_id IN ('${moved.map((c) => c.customer_id).join("','")}')`,
    )
    await engine.close()
    const r = await pushTiers(fast(store, hook.url))
    expect(r).toMatchObject({ delivered: 1, customers: 2, unchanged: customers.length - 2 })
    expect(
      hook.hits[1]!.json.customers.map((c) => [c.customer_id, c.tier, c.previous_tier]),
    ).toEqual(moved.map((c) => [c.customer_id, 'vip', c.tier]))
  })

  it('says how far it got when the attempts run out', async () => {
    const hook = await webhook(() => ({ status: 503, body: 'down' }))
    const store = freshStore()
    await expect(
      pushTiers(fast(store, hook.url, { delivery: { attempts: 3, baseDelayMs: 1 } })),
    ).rejects.toEqual(
      new ClienteleError(
        'PUSH_FAILED',
        'batch 1 of 1 was not delivered after 3 attempts (HTTP 503: down); run clientele push again to resume; delivered batches are not sent again',
      ),
    )
    expect(await log(store)).toMatchObject([{ status: 'failed', attempts: 3, http_status: 503 }])
  })

  it('runs from the command line, with the secret from the environment', async () => {
    const hook = await webhook(() => ({ status: 200 }))
    const store = freshStore()
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [BIN, 'push', '--webhook', hook.url, '--store', store, '--batch', '25', '--json'],
      { env: { ...process.env, CLIENTELE_WEBHOOK_SECRET: SECRET } },
    )
    expect(JSON.parse(stdout)).toEqual({
      target: hook.url,
      resumed: 0,
      delivered: 2,
      customers: customers.length,
      unchanged: 0,
    })
    expect(
      hook.hits.every((h) =>
        verifySignature(SECRET, h.body, h.headers['x-clientele-signature'] as string),
      ),
    ).toBe(true)
  })

  it('rejects a webhook that is not an http(s) URL', async () => {
    await expect(pushTiers({ webhook: 'ftp://example.com/x' })).rejects.toEqual(
      new ClienteleError(
        'USAGE',
        'invalid webhook URL: ftp://example.com/x (expected http:// or https://)',
      ),
    )
  })
})
