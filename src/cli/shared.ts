/** What every command shares: the output path, the store option and argument parsers. */
import { Option } from 'commander'
import { OUTPUT_FORMATS, type OutputFormat } from '../report/index.js'
import { ClienteleError } from '../schema/index.js'
import { wantsJson } from './output.js'

export const isTTY = process.stdout.isTTY === true

export function print(json: boolean, data: unknown, text: () => string): void {
  process.stdout.write(
    wantsJson({ json, isTTY }) ? `${JSON.stringify(data, null, 2)}\n` : `${text()}\n`,
  )
}

export const storeOption = () =>
  new Option('--store <path>', 'the store file (or :memory:)').default('clientele.duckdb')

export function parseOutputFormats(list: string): OutputFormat[] {
  return list
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '')
    .map((f) => {
      const format = OUTPUT_FORMATS.find((k) => k === f)
      if (format !== undefined) return format
      throw new ClienteleError(
        'USAGE',
        `invalid format: ${f} (expected ${OUTPUT_FORMATS.slice(0, -1).join(', ')} or ${OUTPUT_FORMATS.at(-1)})`,
      )
    })
}

export function parseCapacity(items: string[] | undefined): Record<string, number> | undefined {
  if (items === undefined) return undefined
  return Object.fromEntries(
    items.map((item) => {
      const at = item.lastIndexOf('=')
      const n = Number(item.slice(at + 1))
      if (at <= 0 || !(n >= 0))
        throw new ClienteleError('USAGE', `invalid capacity: ${item} (expected OWNER=NUMBER)`)
      return [item.slice(0, at), n]
    }),
  )
}
