#!/usr/bin/env node
// `npm run build:web`: builds the dashboard (src/web) with Vite into dist/web/, which the
// server serves at `/`. With --if-stale, builds only when dist/web/index.html is missing or
// older than a file under src/web (as `npm start` and the browser test call it).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'vite'

const ROOT = resolve(import.meta.dirname, '..')
const SRC = join(ROOT, 'src', 'web')
const OUT = join(ROOT, 'dist', 'web')

function newest(dir) {
  return readdirSync(dir).reduce((m, name) => {
    const path = join(dir, name)
    const s = statSync(path)
    return Math.max(m, s.isDirectory() ? newest(path) : s.mtimeMs)
  }, 0)
}

const index = join(OUT, 'index.html')
const fresh = existsSync(index) && statSync(index).mtimeMs >= newest(SRC)
if (process.argv.includes('--if-stale') && fresh) process.exit(0)

await build({
  root: SRC,
  base: '/',
  configFile: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: OUT,
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    // no inline data: URLs, which the page's CSP would refuse
    assetsInlineLimit: 0,
    // the ECharts chunk (bar, line, Sankey, canvas: ~570 kB) loads only when a chart is drawn
    chunkSizeWarningLimit: 700,
  },
})
console.error(`dashboard built into ${OUT}`)
