/** What every command shares: the output path, the store option and argument parsers. */
import { Option } from 'commander'
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

export function parseOutputFormats(list: string): ('xlsx' | 'csv' | 'parquet' | 'json')[] {
  return list
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '')
    .map((f) => {
      if (f === 'xlsx' || f === 'csv' || f === 'parquet' || f === 'json') return f
      throw new ClienteleError(
        'USAGE',
        `invalid format: ${f} (expected xlsx, csv, parquet or json)`,
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
