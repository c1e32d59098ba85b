// The rule itself is tested on a small tree that breaks it in each way it can be broken.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { layerViolations } from './support/layers.js'

const root = mkdtempSync(join(tmpdir(), 'layers-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function file(path: string, text: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true })
  writeFileSync(join(root, path), text)
}

it('reports a downward import, a reach into internals and a web import of the server', () => {
  file('schema/index.ts', `import { x } from '../engine/index.js'\n`)
  file('engine/index.ts', `export const x = 1\n`)
  file('engine/duckdb/a.ts', `import { y } from '../../schema/index.js'\n`)
  file('ingest/index.ts', `import { DuckDBEngine } from '../engine/duckdb/duckdb-engine.js'\n`)
  file('web/index.ts', `import type { T } from '../server/index.js'\n`)
  file('server/index.ts', `export type T = 1\n`)
  expect(layerViolations(root)).toEqual([
    'ingest/index.ts imports ../engine/duckdb/duckdb-engine.js: import engine/index.js, not its internals',
    'schema/index.ts imports ../engine/index.js: schema may not import from engine, a layer below it',
    'web/index.ts imports ../server/index.js: web talks to the server over HTTP only',
  ])
})
