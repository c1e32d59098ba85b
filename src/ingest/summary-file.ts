/**
 * Reading a ready summary file (the formats of the lifetimes/BTYD data sets: frequency or
 * x, recency or t_x, T, monetary_value or zbar, periods, weights) into typed columns.
 */
import type { Columns, Engine } from '../engine/index.js'
import { IngestError } from './ingest-error.js'
import { normaliseHeader } from './headers.js'

const ALIASES: Record<string, readonly string[]> = {
  x: ['x', 'frequency', 'freq', 'repeatpurchases'],
  tx: ['tx', 'recency', 'lastpurchase'],
  T: ['t', 'age', 'observation'],
  zbar: ['zbar', 'monetaryvalue', 'monetary', 'meanspend', 'averagespend'],
  periods: ['periods', 'n', 'opportunities'],
  weight: ['weights', 'weight', 'count', 'customers', 'n_custs', 'ncusts'],
  period: ['period', 'year', 'renewal'],
  surviving: ['surviving', 'survivors', 'alive', 'active', 'retained'],
  id: ['id', 'customerid', 'customer'],
}

/** The file's numeric columns by canonical name (x, tx, T, zbar, periods, weight, period, surviving). */
export async function readSummaryFile(
  engine: Engine,
  file: string,
): Promise<Record<string, Float64Array>> {
  let cols: Columns
  try {
    cols = await engine.columns(
      `SELECT * FROM read_csv(${engine.dialect.quoteString(file)}, header=true)`,
    )
  } catch (e) {
    throw new IngestError(
      'INGEST_BAD_ROW',
      `cannot read the summary file ${file}: ${e instanceof Error ? e.message.split('\n')[0] : e}`,
    )
  }
  const out: Record<string, Float64Array> = {}
  for (const [name, values] of Object.entries(cols)) {
    const key = normaliseHeader(name)
    const canonical = Object.entries(ALIASES).find(([, a]) => a.includes(key))?.[0]
    if (canonical === undefined || canonical === 'id') continue
    if (!(values instanceof Float64Array)) {
      throw new IngestError('INGEST_BAD_NUMBER', `column ${name} of ${file} is not numeric`, [
        { code: 'INGEST_BAD_NUMBER', file, column: name, message: 'expected numbers in every row' },
      ])
    }
    out[canonical] = values
  }
  return out
}
