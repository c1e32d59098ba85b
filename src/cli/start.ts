/** `npm start`: import the bundled examples into a store of their own and report on them. */
import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { dataQuality, importData } from '../app/index.js'
import { renderImport, renderQuality } from './render.js'

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples')

export async function runStart(options: {
  store: string
  print: (s: string) => void
}): Promise<void> {
  mkdirSync(dirname(resolve(options.store)), { recursive: true })
  const files = [join(EXAMPLES, 'cdnow', 'CDNOW_master.txt')]
  const result = await importData({ store: options.store, files })
  options.print(renderImport(result))
  if (!result.ok) {
    process.exitCode = 1
    return
  }
  options.print('')
  options.print(renderQuality(await dataQuality({ store: options.store })))
  options.print(`\nStore: ${options.store}`)
}
