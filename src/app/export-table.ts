/**
 * The latest analysis table as one CSV file, as the server hands it out: a viewer gets person
 * names masked as `maskName` does (a name that is the company's stays), an account manager
 * only their own customers.
 */
import { copyCsv, type Role } from '../report/index.js'
import { ClienteleError } from '../schema/index.js'
import { ANALYSIS_TABLE } from './analysis-tables.js'
import { withStore } from './store.js'

export interface ExportTableOptions {
  readonly store?: string
  readonly out: string
  readonly role: Role
  /** With role account_manager: whose customers. */
  readonly owner?: string
}

export async function exportAnalysisCsv(o: ExportTableOptions): Promise<{ rows: number }> {
  return withStore(o.store, async (engine) => {
    if (!(await engine.tableExists(ANALYSIS_TABLE)))
      throw new ClienteleError('NOT_FOUND', 'no analysis yet: run one first')
    const q = (s: string) => engine.dialect.quoteIdentifier(s)
    const columns = (await engine.all<{ column_name: string }>(`DESCRIBE ${ANALYSIS_TABLE}`)).map(
      (c) => c.column_name,
    )
    const hasCompany = columns.includes('company')
    const select = columns.map((name) => {
      if (name !== 'name' || o.role !== 'viewer') return { expr: `src.${q(name)}`, name }
      const masked = `array_to_string(list_transform(string_split(src.name, ' '), w -> CASE WHEN w = '' THEN w ELSE left(w, 1) || repeat('*', length(w) - 1) END), ' ')`
      const keep = hasCompany ? `src.name = src.company` : 'FALSE'
      return { expr: `CASE WHEN ${keep} THEN src.name ELSE ${masked} END`, name }
    })
    const mine = o.role === 'account_manager'
    if (mine && (o.owner === undefined || o.owner === ''))
      throw new ClienteleError('USAGE', 'an account manager exports only their own customers')
    const from = mine
      ? `(SELECT * FROM ${ANALYSIS_TABLE} WHERE account_manager = ${engine.dialect.quoteString(o.owner!)}) AS src`
      : `${ANALYSIS_TABLE} AS src`
    const rows = await copyCsv(engine, { select, from, orderBy: 'src.customer_id' }, o.out)
    return { rows }
  })
}
