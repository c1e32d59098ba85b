// ARCHITECTURE.md: a layer imports only from layers listed above it, and only through
// that layer's index.ts; `web` may import types from `schema` and talks to `server` over HTTP.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

export const LAYERS = [
  'schema',
  'i18n',
  'models',
  'engine',
  'ingest',
  'indicators',
  'tiering',
  'tracking',
  'report',
  'app',
  'server',
  'web',
  'cli',
]

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const found = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)]
  return found.map((m) => m[1]!)
}

/** Violations of the layering rule in the files below `root`. */
export function layerViolations(root: string): string[] {
  const problems: string[] = []
  for (const file of sources(root)) {
    const from = relative(root, file).split(sep)
    const fromLayer = from.length > 1 ? from[0]! : ''
    for (const spec of relativeImports(file)) {
      const target = relative(root, resolve(dirname(file), spec)).split(sep)
      const toLayer = target.length > 1 ? target[0]! : ''
      if (toLayer === fromLayer || fromLayer === '') continue
      // Unit tests may use the shared test helpers (e.g. the loopback ClickHouse cluster).
      if (/\.test\.ts$/.test(file) && target.slice(0, 3).join('/') === '../test/support') continue
      const where = `${relative(root, file)} imports ${spec}`
      if (!LAYERS.includes(fromLayer) || !LAYERS.includes(toLayer)) {
        problems.push(`${where}: unknown layer`)
      } else if (LAYERS.indexOf(toLayer) > LAYERS.indexOf(fromLayer)) {
        problems.push(`${where}: ${fromLayer} may not import from ${toLayer}, a layer below it`)
      } else if (target.length !== 2 || !/^index\.(js|ts)$/.test(target[1]!)) {
        problems.push(`${where}: import ${toLayer}/index.js, not its internals`)
      } else if (fromLayer === 'web' && toLayer !== 'schema') {
        problems.push(`${where}: web talks to the server over HTTP only`)
      }
    }
  }
  return problems
}
