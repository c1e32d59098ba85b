/**
 * Delivering one batch to a webhook: a JSON POST signed with HMAC-SHA256 over the raw body
 * (`X-Clientele-Signature: sha256=<hex>`), with the attempt's time in
 * `X-Clientele-Timestamp` (Unix seconds) and the batch id as `Idempotency-Key`, the same on
 * every attempt so a receiver can drop a batch it already processed. 5xx, 408, 429, network
 * errors and timeouts are retried with exponential backoff (a 429's or 503's Retry-After is
 * honoured); any other status is final. Returns what happened rather than throwing; the
 * caller decides what a failure means for the push.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'X-Clientele-Signature'
export const TIMESTAMP_HEADER = 'X-Clientele-Timestamp'
export const IDEMPOTENCY_HEADER = 'Idempotency-Key'

export interface DeliveryOptions {
  /** The shared secret; without it requests are not signed. */
  readonly secret?: string
  /** Attempts in all, at least 1; default 5. */
  readonly attempts?: number
  /** Per-attempt timeout, ms; default 10,000. */
  readonly timeoutMs?: number
  /** The first backoff, doubled on each retry, ms; default 1,000. */
  readonly baseDelayMs?: number
  /** The longest backoff, ms; default 60,000. */
  readonly maxDelayMs?: number
  /** The longest Retry-After waited for, ms; a longer one ends the delivery. Default 120,000. */
  readonly maxRetryAfterMs?: number
  /** How to wait; tests pass one that records the delays and returns at once. */
  readonly sleep?: (ms: number) => Promise<void>
  /** Called after each attempt, before any wait. */
  readonly onAttempt?: (attempt: AttemptReport) => void | Promise<void>
}

export interface AttemptReport {
  /** 1-based. */
  readonly attempt: number
  /** The HTTP status, when a response came. */
  readonly status?: number
  /** Why it failed: the status line and body start, the timeout or the network error. */
  readonly error?: string
}

export type DeliveryOutcome =
  | { readonly ok: true; readonly attempts: number; readonly status: number }
  | {
      readonly ok: false
      readonly attempts: number
      readonly status?: number
      readonly error: string
      /** The receiver refused the batch (a 4xx other than 408 and 429): retrying will not help. */
      readonly permanent: boolean
    }

/** `sha256=<hex>` of HMAC-SHA256(secret, body). */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`
}

/** Whether `header` is the signature of `body` under `secret`, compared in constant time. */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (header === undefined) return false
  const want = Buffer.from(signBody(secret, body))
  const got = Buffer.from(header)
  return want.length === got.length && timingSafeEqual(want, got)
}

const RETRYABLE = (status: number) => status === 408 || status === 429 || status >= 500

/** Retry-After as ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

const pause = (ms: number) => new Promise<void>((done) => setTimeout(done, ms))

/** POSTs `body` to `url` until it is accepted, refused, or the attempts run out. */
export async function deliverBatch(
  url: string,
  body: string,
  idempotencyKey: string,
  o: DeliveryOptions = {},
): Promise<DeliveryOutcome> {
  const attempts = Math.max(1, o.attempts ?? 5)
  const sleep = o.sleep ?? pause
  let last: AttemptReport = { attempt: 0, error: 'not sent' }
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'clientele',
      [IDEMPOTENCY_HEADER]: idempotencyKey,
      [TIMESTAMP_HEADER]: String(Math.floor(Date.now() / 1000)),
    }
    if (o.secret !== undefined) headers[SIGNATURE_HEADER] = signBody(o.secret, body)
    let wait: number | undefined
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      })
      const text = (await res.text()).slice(0, 200).trim()
      if (res.ok) {
        await o.onAttempt?.({ attempt, status: res.status })
        return { ok: true, attempts: attempt, status: res.status }
      }
      last = { attempt, status: res.status, error: `HTTP ${res.status}${text ? `: ${text}` : ''}` }
      await o.onAttempt?.(last)
      if (!RETRYABLE(res.status))
        return {
          ok: false,
          attempts: attempt,
          status: res.status,
          error: last.error!,
          permanent: true,
        }
      wait = retryAfterMs(res.headers.get('retry-after'))
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')
      const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : ''
      last = {
        attempt,
        error: timedOut
          ? `no answer within ${o.timeoutMs ?? 10_000} ms`
          : `${e instanceof Error ? e.message : String(e)}${cause}`,
      }
      await o.onAttempt?.(last)
    }
    if (attempt === attempts) break
    if (wait !== undefined && wait > (o.maxRetryAfterMs ?? 120_000)) {
      const error = `${last.error}; the webhook asks to retry after ${Math.ceil(wait / 1000)} s`
      return { ok: false, attempts: attempt, status: last.status, error, permanent: false }
    }
    // No jitter: one client sends its batches one after another, so there is no crowd of
    // clients retrying in step for jitter to spread out.
    const backoff = Math.min(o.maxDelayMs ?? 60_000, (o.baseDelayMs ?? 1_000) * 2 ** (attempt - 1))
    await sleep(wait ?? backoff)
  }
  return {
    ok: false,
    attempts,
    status: last.status,
    error: last.error ?? 'not sent',
    permanent: false,
  }
}
