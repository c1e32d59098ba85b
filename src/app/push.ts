/**
 * Pushing changed tiers to a webhook (`clientele push`). The customers whose tier differs
 * from the one last delivered to that webhook are planned into batches, and every batch
 * (its id, which is also its idempotency key, and its exact body) is written to the push
 * log before the first is sent. A batch's delivery and the new "last delivered" tiers of
 * its customers are committed together; so after a failure a rerun first resends the
 * undelivered batches of the log, byte for byte under the same key, and never a delivered
 * one. Bodies carry tiers and reasons, no contact data.
 */
import { randomUUID } from 'node:crypto'
import type { Engine } from '../engine/index.js'
import { deliverBatch, type DeliveryOptions, type Language } from '../report/index.js'
import { ClienteleError } from '../schema/index.js'
import { ANALYSIS_TABLE } from './analysis-tables.js'
import { latestRun } from './export.js'
import { withStore } from './store.js'

export const PUSH_STATE_TABLE = 'crm_push_state'
export const PUSH_LOG_TABLE = 'crm_push_log'
const CHANGES = 'clientele_push_changes'

export interface PushTiersOptions {
  readonly store?: string
  readonly webhook: string
  /** Signs each body with HMAC-SHA256 when given. */
  readonly secret?: string
  /** Customers per batch, 1–10,000; default 500. */
  readonly batch?: number
  /** The language of the reasons sent; default zh. */
  readonly lang?: Language
  /** Attempts, timeout and backoff of each batch's delivery. */
  readonly delivery?: Omit<DeliveryOptions, 'secret' | 'onAttempt'>
  readonly onProgress?: (e: {
    batch: number
    batches: number
    attempt: number
    status?: number
  }) => void
}

export interface PushTiersResult {
  readonly target: string
  /** Batches of an earlier, interrupted push delivered by this run. */
  readonly resumed: number
  /** Batches delivered by this run, resumed ones included. */
  readonly delivered: number
  /** Customers whose tier this run delivered. */
  readonly customers: number
  /** Customers whose tier was already delivered. */
  readonly unchanged: number
}

type Batch = {
  readonly batch_id: string
  readonly batch_no: number
  readonly batches: number
  readonly body: string
}

async function ensurePushTables(engine: Engine): Promise<void> {
  await engine.run(`CREATE TABLE IF NOT EXISTS ${PUSH_STATE_TABLE} (target VARCHAR NOT NULL,
    customer_id VARCHAR NOT NULL, tier VARCHAR, pushed_at TIMESTAMP NOT NULL)`)
  await engine.run(`CREATE TABLE IF NOT EXISTS ${PUSH_LOG_TABLE} (batch_id VARCHAR NOT NULL,
    push_id VARCHAR NOT NULL, target VARCHAR NOT NULL, batch_no INTEGER NOT NULL, batches INTEGER NOT NULL,
    customers INTEGER NOT NULL, body VARCHAR NOT NULL, status VARCHAR NOT NULL, attempts INTEGER NOT NULL,
    http_status INTEGER, error VARCHAR, created_at TIMESTAMP NOT NULL, last_attempt_at TIMESTAMP,
    delivered_at TIMESTAMP)`)
}

function checkOptions(o: PushTiersOptions): string {
  let url: URL
  try {
    url = new URL(o.webhook)
  } catch {
    throw new ClienteleError('USAGE', `invalid webhook URL: ${o.webhook}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ClienteleError(
      'USAGE',
      `invalid webhook URL: ${o.webhook} (expected http:// or https://)`,
    )
  const size = o.batch ?? 500
  if (!Number.isInteger(size) || size < 1 || size > 10_000)
    throw new ClienteleError('USAGE', `invalid batch size: ${o.batch} (expected 1 to 10000)`)
  // The log names the receiver without query or credentials, which may hold secrets.
  return `${url.origin}${url.pathname}`
}

async function planBatches(engine: Engine, target: string, o: PushTiersOptions): Promise<void> {
  const size = o.batch ?? 500
  const reason = o.lang === 'en' ? 'reason_en' : 'reason_zh'
  const cols = new Set(
    (await engine.all<{ column_name: string }>(`DESCRIBE ${ANALYSIS_TABLE}`)).map(
      (c) => c.column_name,
    ),
  )
  const a = (c: string) => (cols.has(c) ? `CAST(a.${c} AS DOUBLE)` : 'CAST(NULL AS DOUBLE)')
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${CHANGES} AS
     SELECT row_number() OVER (ORDER BY a.customer_id) AS __row, a.customer_id, a.tier, a.tier_name,
       s.tier AS previous_tier, a.segment, ${a('score')} AS score, ${a('clv')} AS clv, a.${reason} AS reason
     FROM ${ANALYSIS_TABLE} a LEFT JOIN ${PUSH_STATE_TABLE} s ON s.target = $target AND s.customer_id = a.customer_id
     WHERE s.tier IS DISTINCT FROM a.tier`,
    { target },
  )
  const [{ n }] = (await engine.all(`SELECT count(*) AS n FROM ${CHANGES}`)) as [{ n: number }]
  const batches = Math.ceil(n / size)
  const run = await latestRun(engine)
  const pushId = randomUUID()
  const createdAt = new Date().toISOString()
  await engine.transaction(async () => {
    for (let k = 0; k < batches; k++) {
      const customers = await engine.all(
        `SELECT * EXCLUDE (__row) FROM ${CHANGES} WHERE __row > $from AND __row <= $to ORDER BY __row`,
        { from: k * size, to: (k + 1) * size },
      )
      const batchId = randomUUID()
      const body = JSON.stringify({
        push_id: pushId,
        batch_id: batchId,
        batch: k + 1,
        batches,
        created_at: createdAt,
        as_of: run.asOf,
        policy: run.policy,
        customers,
      })
      await engine.run(
        `INSERT INTO ${PUSH_LOG_TABLE} (batch_id, push_id, target, batch_no, batches, customers, body, status, attempts, created_at)
         VALUES ($batchId, $pushId, $target, $no, $batches, $count, $body, 'pending', 0, now()::TIMESTAMP)`,
        { batchId, pushId, target, no: k + 1, batches, count: customers.length, body },
      )
    }
  })
  await engine.run(`DROP TABLE ${CHANGES}`)
}

const undelivered = (engine: Engine, target: string) =>
  engine.all<Batch>(
    `SELECT batch_id, batch_no, batches, body FROM ${PUSH_LOG_TABLE}
     WHERE target = $target AND status <> 'delivered' ORDER BY created_at, push_id, batch_no`,
    { target },
  )

async function markDelivered(engine: Engine, target: string, b: Batch): Promise<number> {
  const { customers } = JSON.parse(b.body) as {
    customers: { customer_id: string; tier: string | null }[]
  }
  const q = (v: string | null) => (v === null ? 'NULL' : engine.dialect.quoteString(v))
  await engine.transaction(async () => {
    await engine.run(
      `UPDATE ${PUSH_LOG_TABLE} SET status = 'delivered', error = NULL, delivered_at = now()::TIMESTAMP WHERE batch_id = $id`,
      { id: b.batch_id },
    )
    if (customers.length === 0) return
    const values = customers.map((c) => `(${q(c.customer_id)}, ${q(c.tier)})`).join(', ')
    const rows = `(VALUES ${values}) AS v(customer_id, tier)`
    await engine.run(
      `DELETE FROM ${PUSH_STATE_TABLE} WHERE target = $target AND customer_id IN (SELECT customer_id FROM ${rows})`,
      { target },
    )
    await engine.run(
      `INSERT INTO ${PUSH_STATE_TABLE} SELECT $target, customer_id, tier, now()::TIMESTAMP FROM ${rows}`,
      { target },
    )
  })
  return customers.length
}

async function send(
  engine: Engine,
  target: string,
  b: Batch,
  o: PushTiersOptions,
): Promise<number> {
  const outcome = await deliverBatch(o.webhook, b.body, b.batch_id, {
    ...o.delivery,
    secret: o.secret,
    onAttempt: async (a) => {
      o.onProgress?.({
        batch: b.batch_no,
        batches: b.batches,
        attempt: a.attempt,
        status: a.status,
      })
      await engine.run(
        `UPDATE ${PUSH_LOG_TABLE} SET attempts = attempts + 1, http_status = $status, error = $error,
           status = 'sending', last_attempt_at = now()::TIMESTAMP WHERE batch_id = $id`,
        { id: b.batch_id, status: a.status ?? null, error: a.error ?? null },
      )
    },
  })
  if (outcome.ok) return markDelivered(engine, target, b)
  await engine.run(`UPDATE ${PUSH_LOG_TABLE} SET status = $status WHERE batch_id = $id`, {
    id: b.batch_id,
    status: outcome.permanent ? 'rejected' : 'failed',
  })
  const which = `batch ${b.batch_no} of ${b.batches}`
  const again = 'run clientele push again to resume; delivered batches are not sent again'
  throw new ClienteleError(
    'PUSH_FAILED',
    outcome.permanent
      ? `the webhook refused ${which} (${outcome.error}); fix the webhook or the secret, then ${again}`
      : `${which} was not delivered after ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'} (${outcome.error}); ${again}`,
  )
}

/**
 * Sends the customers whose tier changed since the last delivery to `webhook`, in signed
 * batches, first finishing any push a failure interrupted.
 * @example await pushTiers({ webhook: 'https://crm.example.com/hooks/tiers', secret: 's3cret' })
 */
export async function pushTiers(o: PushTiersOptions): Promise<PushTiersResult> {
  const target = checkOptions(o)
  return withStore(o.store, async (engine) => {
    if (!(await engine.tableExists(ANALYSIS_TABLE)))
      throw new ClienteleError(
        'PUSH_FAILED',
        `${engine.location} has no analysis to push: run clientele analyze first`,
      )
    await ensurePushTables(engine)
    const [{ unchanged }] = (await engine.all(
      `SELECT count(*) FILTER (WHERE s.tier IS NOT DISTINCT FROM a.tier) AS unchanged
       FROM ${ANALYSIS_TABLE} a LEFT JOIN ${PUSH_STATE_TABLE} s ON s.target = $target AND s.customer_id = a.customer_id`,
      { target },
    )) as [{ unchanged: number }]
    let delivered = 0
    let customers = 0
    const earlier = await undelivered(engine, target)
    for (const b of earlier) {
      customers += await send(engine, target, b, o)
      delivered++
    }
    await planBatches(engine, target, o)
    for (const b of await undelivered(engine, target)) {
      customers += await send(engine, target, b, o)
      delivered++
    }
    return { target, resumed: earlier.length, delivered, customers, unchanged }
  })
}
