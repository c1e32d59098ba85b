/**
 * The overview's charts beyond the tiers: the value map, binned in the engine, and customers per
 * lifecycle stage and tier. Like GET /api/tiers, the figures are store-wide for every role (the
 * answer says `scope: "store"`), and only the latest run has them: the analysis table holds only
 * its customers, so an older snapshot answers with notes instead of charts.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { RUN_TABLE, loadRun, overviewData, type OverviewData } from '../app/index.js'
import type { Engine } from '../engine/index.js'
import { ClienteleError } from '../schema/index.js'
import { getSnapshot } from '../tracking/index.js'
import type { Env, ServerDeps } from './context.js'
import { hasAnalysis } from './customers.js'
import { parse } from './errors.js'

const Query = z.object({
  snapshot: z
    .string()
    .regex(/^(\d+|latest|previous)$/, 'expected an id, latest or previous')
    .optional(),
})

const LATEST_ONLY = {
  zh: '只有最近一次分析保留了绘制此图所需的客户数据：请查看最近一次分析的概览。',
  en: 'Only the latest analysis keeps the customer data this chart needs: see the latest analysis’s overview.',
}

/**
 * Overview charts by run. A run's analysis never changes, and the data fingerprint and policy
 * hash in the key tell apart a store replaced under the same ids. The value map ranks every
 * customer twice and may estimate a CLV first, so it is worth keeping.
 */
export class OverviewCache {
  private readonly runs = new Map<string, OverviewData>()

  constructor(private readonly max = 16) {}

  async get(
    run: { id: number; fingerprint: string; policyHash: string },
    compute: () => Promise<OverviewData>,
  ): Promise<OverviewData> {
    const key = JSON.stringify([run.id, run.fingerprint, run.policyHash])
    let data = this.runs.get(key)
    if (data === undefined) {
      data = await compute()
      if (this.runs.size >= this.max) this.runs.delete(this.runs.keys().next().value!)
      this.runs.set(key, data)
    }
    return data
  }
}

async function overview(e: Engine, ref: string | undefined, cache: OverviewCache) {
  await hasAnalysis(e)
  if (!(await e.tableExists(RUN_TABLE)))
    throw new ClienteleError('NOT_FOUND', 'no analysis yet: run one first (POST /api/analyses)')
  const run = await loadRun(e)
  const latest = run.result.snapshot
  const shown = ref === undefined ? undefined : await getSnapshot(e, ref)
  if (shown !== undefined && shown.id !== latest.id)
    return {
      snapshot: shown.id,
      asOf: shown.asOf,
      policy: shown.policy.id,
      scope: 'store' as const,
      tiers: shown.policy.tiers.map((t) => ({ id: t.id, name: t.name })),
      valueMap: null,
      lifecycle: null,
      notes: { valueMap: LATEST_ONLY, lifecycle: LATEST_ONLY },
    }
  const data = await cache.get({ ...latest, policyHash: run.result.policy.hash }, () =>
    overviewData(e, run),
  )
  return {
    snapshot: latest.id,
    asOf: run.result.asOf,
    policy: run.policy.id,
    scope: 'store' as const,
    ...data,
  }
}

export function overviewRoutes(deps: ServerDeps): Hono<Env> {
  const app = new Hono<Env>()
  const cache = new OverviewCache()
  app.get('/overview', async (c) => {
    const { snapshot } = parse(Query, c.req.query(), 'query')
    return c.json(await deps.gate.withEngine((e) => overview(e, snapshot, cache)))
  })
  return app
}
