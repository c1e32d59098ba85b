import { ClienteleError } from '../schema/index.js'
import {
  GENERATED_TABLES,
  generateDataset,
  type CsvEncoding,
  type DataFormat,
  type GenerateOptions,
  type GenerateResult,
  type GeneratedTable,
} from '../ingest/index.js'

/**
 * Parses `gbk`, `utf8`, or per-table `orders=gbk,customers=utf8` (tables not named stay UTF-8).
 */
export function parseEncodingSpec(spec: string): GenerateOptions['encoding'] {
  if (spec === 'gbk' || spec === 'utf8') return spec
  const out: Partial<Record<GeneratedTable, CsvEncoding>> = {}
  for (const part of spec.split(',')) {
    const [table, enc] = part.split('=').map((s) => s.trim())
    if (!GENERATED_TABLES.includes(table as GeneratedTable) || (enc !== 'gbk' && enc !== 'utf8')) {
      throw new ClienteleError(
        'USAGE',
        `invalid encoding: ${part} (expected utf8, gbk, or TABLE=utf8|gbk with TABLE one of ${GENERATED_TABLES.join(', ')})`,
      )
    }
    out[table as GeneratedTable] = enc
  }
  return out
}

export function parseFormats(spec: string): DataFormat[] {
  return spec.split(',').map((f) => {
    const t = f.trim()
    if (t !== 'csv' && t !== 'parquet' && t !== 'xlsx') {
      throw new ClienteleError('USAGE', `invalid format: ${t} (expected csv, parquet or xlsx)`)
    }
    return t
  })
}

/** Writes a synthetic data set drawn from the BG/NBD and Gamma-Gamma processes. */
export function generate(options: GenerateOptions): Promise<GenerateResult> {
  return generateDataset(options)
}
