/**
 * CRM tagging (在CRM系统中进行标记): the latest analysis's tier, segment, score, CLV and reason
 * for every customer, with its contact data, as the import file of a CRM. The rows are read
 * from a numbered copy in the store a page at a time, so the export streams.
 */
import type { Engine } from '../engine/index.js'
import {
  crmColumns,
  writeCrmCsv,
  type CrmColumn,
  type CrmObject,
  type CrmRecord,
  type CrmTarget,
  type Language,
  type Role,
} from '../report/index.js'
import { ClienteleError, isClienteleError } from '../schema/index.js'
import { ANALYSIS_TABLE } from './analysis-tables.js'
import { RUN_TABLE } from './analyze.js'
import { withStore } from './store.js'

export interface ExportCrmOptions {
  readonly store?: string
  readonly to: CrmTarget
  /** Default `clientele-out/crm-<to>.csv`. */
  readonly out?: string
  /** Contacts (people) or accounts (companies); default contact. */
  readonly object?: CrmObject
  /** Column names by our field name; an empty name leaves the field out. */
  readonly fields?: Readonly<Record<string, string>>
  /** Who exports: a viewer gets contact data masked; default analyst. */
  readonly role?: Role
  /** With role account_manager: whose customers (the account manager's name). */
  readonly owner?: string
  /** The language of the reason; default zh. */
  readonly lang?: Language
}

export interface ExportCrmResult {
  readonly path: string
  readonly to: CrmTarget
  readonly object: CrmObject
  readonly rows: number
  readonly headers: readonly string[]
  /** Whether phone, email and person names were masked. */
  readonly masked: boolean
  readonly warnings: readonly string[]
}

const PAGE = 10_000
const SNAPSHOT = 'clientele_crm_export'

/** The as-of date and policy id of the latest analysis, when the store keeps them. */
export async function latestRun(
  engine: Engine,
): Promise<{ asOf: string | null; policy: string | null }> {
  if (!(await engine.tableExists(RUN_TABLE))) return { asOf: null, policy: null }
  const [row] = await engine.all<{ result: string }>(`SELECT result FROM ${RUN_TABLE} LIMIT 1`)
  const r =
    row === undefined ? {} : (JSON.parse(row.result) as { asOf?: string; policy?: { id?: string } })
  return { asOf: r.asOf ?? null, policy: r.policy?.id ?? null }
}

async function snapshot(engine: Engine, o: ExportCrmOptions): Promise<number> {
  const d = engine.dialect
  const cols = new Set(
    (await engine.all<{ column_name: string }>(`DESCRIBE ${ANALYSIS_TABLE}`)).map(
      (c) => c.column_name,
    ),
  )
  const a = (c: string) => (cols.has(c) ? `a.${d.quoteIdentifier(c)}` : 'NULL')
  const run = await latestRun(engine)
  const manager = `coalesce(c.account_manager, ${a('account_manager')})`
  const filter = o.role === 'account_manager' ? `WHERE ${manager} = $owner` : ''
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${SNAPSHOT} AS
     SELECT row_number() OVER (ORDER BY a.customer_id) AS __row, a.customer_id,
       coalesce(c.name, ${a('name')}) AS name, coalesce(c.company, ${a('company')}) AS company,
       c.email, c.phone, ${manager} AS account_manager,
       a.tier, a.tier_name, a.segment, CAST(${a('score')} AS DOUBLE) AS score, CAST(${a('clv')} AS DOUBLE) AS clv,
       ${a(o.lang === 'en' ? 'reason_en' : 'reason_zh')} AS reason,
       ${d.quoteString(run.asOf ?? '')} AS as_of, ${d.quoteString(run.policy ?? '')} AS policy
     FROM ${ANALYSIS_TABLE} a LEFT JOIN customers c ON c.customer_id = a.customer_id ${filter}`,
    o.role === 'account_manager' ? { owner: o.owner ?? '' } : undefined,
  )
  const [{ n }] = (await engine.all(`SELECT count(*) AS n FROM ${SNAPSHOT}`)) as [{ n: number }]
  return n
}

async function* pages(engine: Engine, columns: readonly CrmColumn[]): AsyncGenerator<CrmRecord[]> {
  const fields = [...new Set(['company', ...columns.map((c) => c.field)])]
  const sql = `SELECT ${fields.join(', ')} FROM ${SNAPSHOT} WHERE __row > $after AND __row <= $until ORDER BY __row`
  for (let after = 0; ; after += PAGE) {
    const rows = await engine.all(sql, { after, until: after + PAGE })
    if (rows.length > 0)
      yield rows.map((r) =>
        Object.fromEntries(
          fields.map((f) => [f, r[f] === '' ? null : (r[f] as string | number | null)]),
        ),
      )
    if (rows.length < PAGE) return
  }
}

/**
 * Writes the tier tags of every customer as `to`'s import file; a viewer's copy has contact
 * data masked.
 * @example await exportCrm({ to: 'hubspot', fields: { tier: 'customer_tier' } })
 */
export async function exportCrm(o: ExportCrmOptions): Promise<ExportCrmResult> {
  const role = o.role ?? 'analyst'
  const object = o.object ?? 'contact'
  if (role === 'account_manager' && (o.owner === undefined || o.owner.trim() === ''))
    throw new ClienteleError(
      'USAGE',
      'an account manager exports only their own customers: give --owner with their name',
    )
  const columns = crmColumns(o.to, object, o.fields)
  const path = o.out ?? `clientele-out/crm-${o.to}.csv`
  return withStore(o.store, async (engine) => {
    if (!(await engine.tableExists(ANALYSIS_TABLE)))
      throw new ClienteleError(
        'EXPORT_FAILED',
        `${engine.location} has no analysis to export: run clientele analyze first`,
      )
    const total = await snapshot(engine, { ...o, role })
    try {
      const rows = await writeCrmCsv(path, pages(engine, columns), { columns, object, role }).catch(
        (e: unknown) => {
          // Only file system errors (with an errno code such as EACCES) are the output's fault.
          if (isClienteleError(e) || !(e instanceof Error && 'code' in e)) throw e
          throw new ClienteleError('EXPORT_FAILED', `cannot write ${path}: ${e.message}`, {
            cause: e,
          })
        },
      )
      const masked = role === 'viewer'
      const warnings: string[] = []
      if (total === 0)
        warnings.push(
          role === 'account_manager'
            ? `no customers have account manager ${o.owner}`
            : 'the analysis has no customers',
        )
      if (masked && columns.some((c) => c.field === 'email' || c.field === 'phone'))
        warnings.push(
          `contact data is masked for role ${role}: match records in the CRM on ${columns.find((c) => c.field === 'customer_id')?.header ?? 'the customer id'}, not on email`,
        )
      return {
        path,
        to: o.to,
        object,
        rows,
        headers: columns.map((c) => c.header),
        masked,
        warnings,
      }
    } finally {
      await engine.run(`DROP TABLE IF EXISTS ${SNAPSHOT}`)
    }
  })
}
