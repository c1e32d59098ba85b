/**
 * Parquet output: the generator writes a temporary UTF-8 CSV and DuckDB converts it, with the
 * column types given explicitly so phone numbers stay text and every run gets one schema.
 */
import { openEngine, type Engine } from '../../engine/index.js'
import type { Column } from './columns.js'

export interface ParquetJob {
  readonly csv: string
  readonly parquet: string
  readonly columns: readonly Column[]
  readonly headers: readonly string[]
  /** The `date` column holds date and time. */
  readonly withTime: boolean
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`

function sqlType(column: Column, withTime: boolean): string {
  switch (column.kind) {
    case 'money':
      return 'DOUBLE'
    case 'int':
      return 'BIGINT'
    case 'date':
      return withTime && column.field === 'date' ? 'TIMESTAMP' : 'DATE'
    default:
      return 'VARCHAR'
  }
}

/** The COPY statement converting one CSV file to Parquet. */
export function parquetCopySql(job: ParquetJob): string {
  const types = job.columns
    .map((c, i) => `${literal(job.headers[i]!)}: ${literal(sqlType(c, job.withTime))}`)
    .join(', ')
  const source = `read_csv(${literal(job.csv)}, header = true, delim = ',', quote = '"', escape = '"', columns = {${types}})`
  return `COPY (SELECT * FROM ${source}) TO ${literal(job.parquet)} (FORMAT parquet)`
}

/** Converts each CSV to Parquet on one in-memory DuckDB. */
export async function writeParquet(jobs: readonly ParquetJob[]): Promise<void> {
  if (jobs.length === 0) return
  const engine: Engine = await openEngine(':memory:')
  try {
    for (const job of jobs) await engine.run(parquetCopySql(job))
  } finally {
    await engine.close()
  }
}
