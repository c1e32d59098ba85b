import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withStore } from '../app/index.js'
import { createServer } from './app.js'
import { addUser, createToken } from './auth-store.js'
import { PASSWORD, login } from './test-fixtures.js'

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples')
const MIB = 1024 * 1024
/** The temporary directories of uploads left behind; the route removes its own every time. */
const leftovers = () => readdirSync(tmpdir()).filter((d) => d.startsWith('clientele-import-'))

let dir: string
let store: string
let app: ReturnType<typeof createServer>
let token: string
let tmpBefore: string[]
const savedTmp = process.env.TMPDIR
const as: Record<string, Record<string, string>> = {}

// A store of its own, empty but for its users: the examples' ids would collide with the
// generated fixture's, and the counts below are those of the files alone.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clientele-imports-'))
  // a temporary directory of this test's own, which other processes on the machine do not use
  mkdirSync(join(dir, 'tmp'))
  process.env.TMPDIR = join(dir, 'tmp')
  expect(tmpdir()).toBe(join(dir, 'tmp'))
  tmpBefore = leftovers()
  store = join(dir, 'store.duckdb')
  token = await withStore(store, async (e) => {
    for (const [name, role] of [
      ['ada', 'admin'],
      ['ann', 'analyst'],
      ['mia', 'manager'],
      ['vic', 'viewer'],
    ] as const)
      await addUser(e, name, role, PASSWORD)
    return createToken(e, 'ann')
  })
  app = createServer({ store })
  for (const u of ['ada', 'ann', 'mia', 'vic']) as[u] = (await login(app, u)).headers
})
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = savedTmp
  rmSync(dir, { recursive: true, force: true })
})

type Part = { name: string; data: string | Buffer } | { field: string; value: string }

function form(...parts: Part[]): FormData {
  const fd = new FormData()
  for (const p of parts)
    if ('field' in p) fd.append(p.field, p.value)
    else fd.append('files', new File([p.data], p.name))
  return fd
}
const example = (path: string, name = path.split('/').pop()!) => ({
  name,
  data: readFileSync(join(EXAMPLES, path)),
})

interface Body {
  ok: boolean
  importId: number
  files: { file: string; kind: string; encoding: string; rows: number; inserted: number }[]
  quality: { tables: { table: string; rows: number; customers: number }[] }
  error: { code: string; message: string; issues: Record<string, unknown>[]; totalIssues: number }
  code: string
  entries: { user: string; action: string; target: string; outcome: string; detail: string }[]
}

async function upload(user: string, body: FormData, server = app) {
  const res = await server.request('/api/imports', { method: 'POST', headers: as[user], body })
  return { status: res.status, body: (await res.json()) as Body }
}

const count = (table: string) =>
  withStore(store, async (e) =>
    (await e.tableExists(table))
      ? Number((await e.all<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n)
      : 0,
  )

describe('POST /api/imports', () => {
  it('imports the CDNOW sample with its mapping sent as text: counts and the quality report', async () => {
    const r = await upload(
      'ann',
      form(example('cdnow/CDNOW_sample.txt'), {
        field: 'mapping',
        value: readFileSync(join(EXAMPLES, 'cdnow', 'sample.mapping.yaml'), 'utf8'),
      }),
    )
    expect(r.status).toBe(200)
    expect(r.body.ok).toBe(true)
    expect(r.body.importId).toBe(1)
    // 6,919 lines without a header, of 2,357 customers (examples/cdnow/README.md)
    expect(r.body.files).toMatchObject([
      { file: 'CDNOW_sample.txt', kind: 'transactions', rows: 6919, inserted: 6919 },
    ])
    expect(r.body.quality.tables.find((t) => t.table === 'transactions')).toMatchObject({
      rows: 6919,
      customers: 2357,
    })
    expect(await count('transactions')).toBe(6919)
    expect(leftovers()).toEqual(tmpBefore)
  })

  it('imports a GBK CSV under a Chinese name and a UTF-8 one in one request, by Bearer token without CSRF', async () => {
    const res = await app.request('/api/imports', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form(example('b2b-cn/orders.csv', '订单 2023.csv'), example('b2b-cn/customers.csv')),
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as Body
    // the counts README.md shows for `npm start` on the same files
    expect(body.files.map((f) => [f.file, f.kind, f.encoding, f.rows, f.inserted])).toEqual([
      ['订单 2023.csv', 'transactions', 'gb18030', 15093, 15028],
      ['customers.csv', 'customers', 'utf8', 2000, 2000],
    ])
    expect(body.importId).toBe(2)
    expect(await count('transactions')).toBe(6919 + 15028)
  })

  it('rejects a bad date with 422 naming file, line, column and value, and writes nothing', async () => {
    const before = [await count('transactions'), await count('imports')]
    const csv =
      'customer_id,order_date,amount\nX1,2024-01-05,10\nX2,2024-02-31,20\nX3,2024-03-01,5\n'
    const r = await upload('ann', form({ name: 'bad.csv', data: csv }))
    expect(r.status).toBe(422)
    expect(r.body).toEqual({
      ok: false,
      error: {
        code: 'INGEST_INVALID',
        message: 'import rejected: nothing was written (1 problem)',
        issues: [
          {
            code: 'INGEST_BAD_DATE',
            file: 'bad.csv',
            line: 3,
            column: 'order_date',
            path: 'date',
            value: '2024-02-31',
            message: 'expected a date such as 2024-01-05, 2024/1/5, 20240105 or 2024年1月5日',
          },
        ],
        totalIssues: 1,
      },
    })
    expect([await count('transactions'), await count('imports')]).toEqual(before)
    expect(leftovers()).toEqual(tmpBefore)
  })

  it('names a bad mapping "mapping", never by the server’s temporary path', async () => {
    const r = await upload(
      'ann',
      form({ name: 'a.csv', data: 'customer_id,order_date,amount\nX1,2024-01-05,10\n' }),
    )
    expect(r.status).toBe(200)
    const bad = await upload(
      'ann',
      form({ name: 'a.csv', data: 'x\n1\n' }, { field: 'mapping', value: 'colour: red\n' }),
    )
    expect(bad.status).toBe(422)
    expect(bad.body.error).toEqual({
      code: 'INGEST_BAD_MAPPING',
      message: 'import rejected: nothing was written (1 problem)',
      issues: [
        {
          code: 'INGEST_BAD_MAPPING',
          file: 'mapping',
          path: 'colour',
          line: 1,
          message: 'colour: Unrecognized key: "colour"',
        },
      ],
      totalIssues: 1,
    })
    expect(JSON.stringify(bad.body)).not.toContain(tmpdir())
  })

  it('lets admins and analysts import: 403 for a manager and a viewer, 401 without a user', async () => {
    const small = () =>
      form({ name: 'a.csv', data: 'customer_id,order_date,amount\nA,2024-01-05,1\n' })
    expect((await upload('ada', small())).status).toBe(200)
    for (const user of ['mia', 'vic']) {
      const r = await upload(user, small())
      expect(r.status).toBe(403)
      expect(r.body).toEqual({
        error: 'your role may not do this (needs admin or analyst)',
        code: 'FORBIDDEN',
        issues: [],
      })
    }
    const anon = await app.request('/api/imports', { method: 'POST', body: small() })
    expect(anon.status).toBe(401)
  })

  it('requires the CSRF token of a cookie session', async () => {
    const before = await count('imports')
    const res = await app.request('/api/imports', {
      method: 'POST',
      headers: { cookie: as.ann!.cookie! },
      body: form({ name: 'a.csv', data: 'customer_id,order_date,amount\nA,2024-01-06,1\n' }),
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({
      error: 'missing or wrong X-CSRF-Token header',
      code: 'FORBIDDEN',
      issues: [],
    })
    expect(await count('imports')).toBe(before)
  })

  it('saves ../../etc/x.csv as x.csv inside its own directory, and refuses . and clashing names', async () => {
    const csv = 'customer_id,order_date,amount\nE1,2024-01-07,3\n'
    const r = await upload('ann', form({ name: '../../etc/x.csv', data: csv }))
    expect(r.status).toBe(200)
    expect(r.body.files[0]!.file).toBe('x.csv')
    expect(existsSync(join(tmpdir(), '..', '..', 'etc', 'x.csv'))).toBe(false)
    expect(existsSync('/etc/x.csv')).toBe(false)
    const files = await withStore(store, (e) =>
      e.all<{ file: string }>(`SELECT file FROM imports WHERE import_id = $id`, {
        id: r.body.importId,
      }),
    )
    expect(files).toEqual([{ file: 'x.csv' }])
    for (const [names, error] of [
      [['..'], 'invalid file name: ".." (no file name)'],
      [['dir/'], 'invalid file name: "dir/" (no file name)'],
      [['a.csv', 'sub\\A.CSV'], 'invalid file name: "sub\\\\A.CSV" (the same as "a.csv")'],
    ] as const) {
      const bad = await upload('ann', form(...names.map((name) => ({ name, data: csv }))))
      expect(bad.status).toBe(400)
      expect(bad.body).toEqual({ error, code: 'USAGE', issues: [] })
    }
    const none = await upload('ann', form({ field: 'kind', value: 'transactions' }))
    expect(none.status).toBe(400)
    expect(none.body.error).toBe(
      'invalid body: expected multipart/form-data with one or more files in field "files"',
    )
    const kind = await upload(
      'ann',
      form({ name: 'a.csv', data: csv }, { field: 'kind', value: 'x' }),
    )
    expect(kind.status).toBe(400)
    expect(kind.body.code).toBe('USAGE')
    expect(leftovers()).toEqual(tmpBefore)
  })

  it('has a limit of its own, above the API’s: 413 past it, naming the limit', async () => {
    const limited = createServer({ store, maxBodyBytes: 100, maxUploadBytes: MIB })
    const ok = await upload(
      'ann',
      form({
        name: 'a.csv',
        data: `customer_id,order_date,amount\n${'L,2024-01-08,1\n'.repeat(500)}`,
      }),
      limited,
    )
    expect(ok.status).toBe(200)
    const big = form({ name: 'big.csv', data: Buffer.alloc(MIB + 1, 'a') })
    const streamed = await upload('ann', big, limited)
    expect(streamed.status).toBe(413)
    expect(streamed.body).toEqual({
      error: 'the upload is larger than 1 MiB',
      code: 'PAYLOAD_TOO_LARGE',
      issues: [],
    })
    // sign-in and role come first: only someone who may import can make the server read 1 MiB
    expect((await upload('vic', big, limited)).status).toBe(403)
    expect((await limited.request('/api/imports', { method: 'POST', body: big })).status).toBe(401)
    // with a Content-Length the body is refused before it is read
    const raw = new Response(big)
    const bytes = await raw.arrayBuffer()
    const declared = await limited.request('/api/imports', {
      method: 'POST',
      headers: {
        ...as.ann,
        'content-type': raw.headers.get('content-type')!,
        'content-length': String(bytes.byteLength),
      },
      body: bytes,
    })
    expect(declared.status).toBe(413)
    const tiny = createServer({ store, maxUploadBytes: 1000 })
    expect(
      (await upload('ann', form({ name: 'a.csv', data: 'x'.repeat(2000) }), tiny)).body,
    ).toEqual({
      error: 'the upload is larger than 1,000 bytes',
      code: 'PAYLOAD_TOO_LARGE',
      issues: [],
    })
  })

  it('audits every import: who, which files, rows and outcome', async () => {
    const res = await app.request('/api/audit?action=import&limit=1000', { headers: as.ada })
    const r = { status: res.status, body: (await res.json()) as Body }
    expect(r.status).toBe(200)
    const seen = r.body.entries.map((e) => `${e.user} ${e.target} ${e.outcome} ${e.detail}`)
    expect(seen).toContain('ann CDNOW_sample.txt ok import 1: 6919 rows, 6919 new')
    expect(seen).toContain('ann 订单 2023.csv, customers.csv ok import 2: 17093 rows, 17028 new')
    expect(seen).toContain('ann bad.csv failed INGEST_INVALID: 1 problem, nothing written')
    expect(seen).toContain('ann .. failed USAGE: invalid file name: ".." (no file name)')
    expect(seen).toContain(
      'vic null denied FORBIDDEN: your role may not do this (needs admin or analyst)',
    )
    expect(seen).toContain('ann a.csv failed INGEST_BAD_MAPPING: mapping file mapping is invalid')
    expect(JSON.stringify(r.body)).not.toContain(tmpdir())
  })
})
