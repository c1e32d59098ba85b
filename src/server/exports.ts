/**
 * Downloads: the analysis table as CSV, or the import file of a CRM. The format is one of a
 * fixed list, which `GET /exports` gives clients, so nothing in the URL ever names a file; the export is written to a fresh
 * temporary directory under a generated name, streamed back and removed.
 */
import { createReadStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { Hono } from 'hono'
import { z } from 'zod'
import { exportAnalysisCsv, exportCrm } from '../app/index.js'
import { CRM_OBJECTS, CRM_TARGETS, type Role } from '../report/index.js'
import type { User } from './auth-store.js'
import { audit, auditRefusal } from './audit.js'
import { clientIp, type Env, type ServerDeps } from './context.js'
import { parse } from './errors.js'

export const EXPORT_FORMATS = ['csv', ...CRM_TARGETS] as const

const Format = z.enum(EXPORT_FORMATS)
const Query = z.object({
  object: z.enum(CRM_OBJECTS).default('contact'),
  lang: z.enum(['zh', 'en']).default('zh'),
})

const roleOf = (u: User): Role => (u.role === 'manager' ? 'account_manager' : u.role)

export function exportRoutes(deps: ServerDeps): Hono<Env> {
  const { gate } = deps
  const store = gate.store
  const app = new Hono<Env>()

  app.get('/exports', (c) => c.json({ formats: EXPORT_FORMATS, objects: CRM_OBJECTS }))

  app.get('/exports/:format', async (c) => {
    const user = c.get('user')
    const ip = clientIp(c)
    const entry = { user: user.name, ip, action: 'export', target: c.req.param('format') }
    const { format, q } = await auditRefusal(gate, entry, () => ({
      format: parse(Format, c.req.param('format'), 'export format'),
      q: parse(Query, c.req.query(), 'query'),
    }))
    const role = roleOf(user)
    const owner = role === 'account_manager' ? user.name : undefined
    const dir = await mkdtemp(join(tmpdir(), 'clientele-export-'))
    const out = join(dir, 'export.csv')
    try {
      const rows = await gate.run(async () => {
        try {
          const n =
            format === 'csv'
              ? (await exportAnalysisCsv({ store, out, role, owner })).rows
              : (
                  await exportCrm({
                    store,
                    to: format,
                    out,
                    role,
                    owner,
                    object: q.object,
                    lang: q.lang,
                  })
                ).rows
          await gate.withEngineNow((e) =>
            audit(e, {
              user: user.name,
              ip,
              action: 'export',
              target: format,
              outcome: 'ok',
              detail: `${n} rows${role === 'viewer' ? ', masked' : ''}`,
            }),
          )
          return n
        } catch (e) {
          await gate.withEngineNow((en) =>
            audit(en, { user: user.name, ip, action: 'export', target: format, outcome: 'failed' }),
          )
          throw e
        }
      })
      const file = createReadStream(out)
      file.on('close', () => void rm(dir, { recursive: true, force: true }))
      const name = format === 'csv' ? 'clientele-analysis.csv' : `clientele-crm-${format}.csv`
      return new Response(Readable.toWeb(file) as ReadableStream, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${name}"`,
          'x-export-rows': String(rows),
        },
      })
    } catch (e) {
      await rm(dir, { recursive: true, force: true })
      throw e
    }
  })
  return app
}
