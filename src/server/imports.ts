/**
 * Uploading data: a multipart form whose `files` are saved into a directory of their own and
 * imported by the same use case as `clientele import` (all files or none), then removed. Bad
 * data answers 422 with every problem by uploaded file name, line, column and value; the
 * server's temporary paths never reach the client. Every attempt is audited.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { z } from 'zod'
import { dataQuality, importData } from '../app/index.js'
import type { ImportResult } from '../ingest/index.js'
import { ClienteleError, TABLE_KINDS, type Issue } from '../schema/index.js'
import { audit, auditRefusal } from './audit.js'
import { clientIp, requireRole, type Env, type ServerDeps } from './context.js'
import { parse } from './errors.js'
import { saveUploads, uploadNames } from './uploads.js'

const Fields = z.object({
  kind: z.enum(TABLE_KINDS).optional(),
  mapping: z.string().max(100_000).optional(),
})

interface UploadForm {
  readonly files: File[]
  readonly kind?: z.infer<typeof Fields>['kind']
  readonly mapping?: string
}

const USAGE = 'expected multipart/form-data with one or more files in field "files"'

async function uploadForm(c: Context<Env>): Promise<UploadForm> {
  if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? ''))
    throw new ClienteleError('USAGE', `invalid body: ${USAGE}`)
  let body: Record<string, unknown>
  try {
    body = await c.req.parseBody({ all: true })
  } catch {
    throw new ClienteleError('USAGE', `invalid body: ${USAGE}`)
  }
  const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v])
  const files = list(body.files)
  if (files.length === 0 || !files.every((f) => f instanceof File))
    throw new ClienteleError('USAGE', `invalid body: ${USAGE}`)
  const mapping = body.mapping instanceof File ? await body.mapping.text() : body.mapping
  const fields = parse(Fields, { kind: body.kind || undefined, mapping }, 'import form')
  return { files, ...fields }
}

const problems = (n: number) => `${n} problem${n === 1 ? '' : 's'}`

/** The 422 body of an import that wrote nothing. */
function rejected(code: string, issues: readonly Issue[], totalIssues: number) {
  const message = `import rejected: nothing was written (${problems(totalIssues)})`
  return { ok: false as const, error: { code, message, issues, totalIssues } }
}

/** The temporary paths of one request's uploads, and how to name them to the client. */
async function workspace() {
  const dir = await mkdtemp(join(tmpdir(), 'clientele-import-'))
  const files = join(dir, 'files')
  await mkdir(files)
  const mapping = join(dir, 'mapping.yaml')
  // paths also appear inside messages ("mapping file … is invalid"), so replace them anywhere
  const name = (text: string) =>
    text
      .split(mapping)
      .join('mapping')
      .split(files + sep)
      .join('')
  return { dir, files, mapping, name }
}

const sum = (r: ImportResult, key: 'rows' | 'inserted') => r.files.reduce((t, f) => t + f[key], 0)

/** POST /imports; `limit` refuses a body too large, once the user may import at all. */
export function importRoutes(deps: ServerDeps, limit: MiddlewareHandler<Env>): Hono<Env> {
  const { gate } = deps
  const store = gate.store
  const app = new Hono<Env>()
  const who = (c: Context<Env>) => ({ user: c.get('user').name, ip: clientIp(c), action: 'import' })
  const mayImport: MiddlewareHandler<Env> = async (c, next) => {
    await auditRefusal(gate, who(c), () => requireRole(c, 'admin', 'analyst'))
    await next()
  }

  app.post('/imports', mayImport, limit, async (c) => {
    const ws = await workspace()
    let target: string | undefined
    const log = (outcome: 'ok' | 'failed', detail: string) =>
      gate.withEngine((e) => audit(e, { ...who(c), target, outcome, detail }))
    try {
      const form = await uploadForm(c)
      target = form.files.map((f) => f.name).join(', ')
      const names = uploadNames(form.files)
      target = names.join(', ')
      const files = await saveUploads(ws.files, form.files, names)
      if (form.mapping !== undefined) await writeFile(ws.mapping, form.mapping)
      const mapping = form.mapping === undefined ? undefined : ws.mapping
      const { r, quality } = await gate.run(async () => {
        const r = await importData({ store, files, kind: form.kind, mapping, label: ws.name })
        return { r, quality: r.ok ? await dataQuality({ store }) : undefined }
      })
      if (quality === undefined) {
        await log('failed', `INGEST_INVALID: ${problems(r.totalIssues)}, nothing written`)
        return c.json(rejected('INGEST_INVALID', r.issues, r.totalIssues), 422)
      }
      await log('ok', `import ${r.importId}: ${sum(r, 'rows')} rows, ${sum(r, 'inserted')} new`)
      return c.json({ ok: true, importId: r.importId, files: r.files, quality })
    } catch (e) {
      const clean = e instanceof ClienteleError
      await log('failed', clean ? `${e.code}: ${ws.name(e.message)}` : 'internal error')
      if (!clean || !e.code.startsWith('INGEST_')) throw e
      const issues = (e.issues.length > 0 ? e.issues : [{ code: e.code, message: e.message }]).map(
        (i): Issue => ({
          ...i,
          ...(i.file !== undefined && { file: ws.name(i.file) }),
          message: ws.name(i.message),
        }),
      )
      return c.json(rejected(e.code, issues, Math.max(e.totalIssues, issues.length)), 422)
    } finally {
      await rm(ws.dir, { recursive: true, force: true })
    }
  })
  return app
}
