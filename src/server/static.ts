/**
 * The built dashboard (`npm run build:web` → dist/web/) served at `/`: files from that one
 * folder only (no `..`, no hidden files, no symlinks out), with the page's own script and
 * style allowed by its CSP. `/api` keeps `default-src 'none'`.
 */
import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import type { Context } from 'hono'
import type { Env } from './context.js'

/** Where `npm run build:web` puts the dashboard. */
export const WEB_ROOT = resolve(import.meta.dirname, '..', '..', 'dist', 'web')

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

/** The file under `root` that `urlPath` names, or null if it names none (or tries to leave). */
export async function webFile(root: string, urlPath: string): Promise<string | null> {
  let path: string
  try {
    path = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (path === '/' || path === '') path = '/index.html'
  const parts = path.split('/').filter((p) => p !== '')
  if (parts.some((p) => p.startsWith('.') || p.includes('\\') || p.includes('\0'))) return null
  try {
    const base = await realpath(root)
    const file = await realpath(join(base, ...parts))
    if (!file.startsWith(base + sep)) return null
    return (await stat(file)).isFile() ? file : null
  } catch {
    return null
  }
}

/** GET/HEAD of anything outside `/api`: a built file, or 404. */
export function serveWeb(root: string) {
  return async (c: Context<Env>) => {
    const file = await webFile(root, c.req.path)
    if (file === null) {
      const built = (await webFile(root, '/index.html')) !== null
      return c.text(built ? 'not found' : 'the dashboard is not built: run npm run build:web', 404)
    }
    const body = await readFile(file)
    const type = TYPES[extname(file)] ?? 'application/octet-stream'
    // hashed assets never change; the page itself is always revalidated
    const cache = file.includes(`${sep}assets${sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache'
    return c.body(body, 200, { 'content-type': type, 'cache-control': cache })
  }
}
