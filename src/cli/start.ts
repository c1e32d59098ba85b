/**
 * `npm start`: the main job on the bundled examples, each in a store of its own under
 * `clientele-out/`: the synthetic B2B/B2C data set (Chinese headers, a GBK orders file)
 * and the CDNOW transaction log.
 */
import { mkdirSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { dataQuality, importData } from '../app/index.js'
import { renderImport, renderQuality } from './render.js'

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples')

export const START_SETS = [
  {
    name: 'b2b-cn',
    files: () =>
      readdirSync(join(EXAMPLES, 'b2b-cn'))
        .filter((f) => f.endsWith('.csv') && f !== 'truth.csv')
        .map((f) => relative(process.cwd(), join(EXAMPLES, 'b2b-cn', f))),
  },
  {
    name: 'cdnow',
    files: () => [relative(process.cwd(), join(EXAMPLES, 'cdnow', 'CDNOW_master.txt'))],
  },
] as const

export async function runStart(options: {
  out: string
  print: (s: string) => void
}): Promise<void> {
  mkdirSync(options.out, { recursive: true })
  for (const set of START_SETS) {
    const store = join(options.out, `${set.name}.duckdb`)
    options.print(`\n== ${set.name} → ${store}\n`)
    const result = await importData({ store, files: set.files() })
    options.print(renderImport(result))
    if (!result.ok) {
      process.exitCode = 1
      return
    }
    options.print('')
    options.print(renderQuality(await dataQuality({ store })))
  }
}
