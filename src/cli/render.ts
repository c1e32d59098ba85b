/** Text renderings of results for a terminal; each is a pure function of the result. */
import type { FitReport, StoreStatus } from '../app/index.js'
import type { ImportResult, QualityReport } from '../ingest/index.js'
import { formatIssue } from '../schema/index.js'
import { formatTable } from './output.js'

export function renderImport(r: ImportResult): string {
  if (!r.ok) {
    const more = r.totalIssues - r.issues.length
    return [
      `Import rejected: nothing was written (${r.totalIssues} problem${r.totalIssues === 1 ? '' : 's'}).`,
      ...r.issues.map((i) => `  ${formatIssue(i)}`),
      ...(more > 0 ? [`  … and ${more} more`] : []),
    ].join('\n')
  }
  const table = formatTable(
    ['file', 'table', 'rows', 'new', 'updated', 'unchanged', 'duplicates'],
    r.files.map((f) => [f.file, f.kind, f.rows, f.inserted, f.updated, f.unchanged, f.duplicates]),
  )
  const kept = r.files
    .filter((f) => f.attributes.length > 0)
    .map((f) => `  ${f.file}: ${f.attributes.join(', ')}`)
  return [
    `Import ${r.importId} done.`,
    table,
    ...(kept.length > 0 ? ['Columns kept as attributes:', ...kept] : []),
  ].join('\n')
}

export function renderQuality(q: QualityReport): string {
  const tables = formatTable(
    ['table', 'rows', 'customers', 'from', 'to'],
    q.tables.map((t) => [t.table, t.rows, t.customers, t.from, t.to]),
  )
  const findings =
    q.findings.length === 0
      ? 'No quality findings.'
      : formatTable(
          ['', 'check', 'count', 'examples', 'what was done'],
          q.findings.map((f) => [
            f.severity === 'warning' ? '!' : 'i',
            f.check,
            f.count,
            f.examples.join('; '),
            f.action,
          ]),
        )
  return `Data quality\n\n${tables}\n\n${findings}`
}

export function renderStatus(s: StoreStatus): string {
  const tables = formatTable(
    ['table', 'rows', 'customers', 'from', 'to'],
    s.tables.map((t) => [t.table, t.rows, t.customers, t.from, t.to]),
  )
  const imports =
    s.imports.length === 0
      ? 'No imports yet.'
      : formatTable(
          ['import', 'at', 'file', 'table', 'rows', 'new'],
          s.imports.map((i) => [
            i.importId,
            i.importedAt.slice(0, 19).replace('T', ' '),
            i.file,
            i.kind,
            i.rowsRead,
            i.rowsInserted,
          ]),
        )
  return `Store ${s.store}\n\n${tables}\n\n${imports}`
}

const num = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v)

export function renderFit(r: FitReport): string {
  const params = formatTable(
    ['parameter', 'estimate', 'std. error'],
    Object.entries(r.params).map(([k, v]) => [k, num(v), num(r.standardErrors[k] ?? NaN)]),
  )
  const lines = [
    `${r.model} fitted on ${r.customers.toLocaleString('en-US')} customers (${r.distinctRows} distinct rows), time unit: ${r.unit}`,
    params,
    `log-likelihood ${num(r.logLikelihood)}; ${r.converged ? 'converged' : `NOT converged (${r.status})`} after ${r.iterations} iterations, gradient norm ${r.gradientNorm.toExponential(2)}`,
  ]
  if (r.holdout) {
    const h = r.holdout
    lines.push(
      `holdout to ${h.end} (${num(h.length)} ${r.unit}s): actual ${h.actual} repeat purchases, predicted ${num(h.predicted)}; per customer MAE ${num(h.mae)}, RMSE ${num(h.rmse)}`,
    )
  }
  for (const w of r.warnings) lines.push(`warning: ${w}`)
  return lines.join('\n')
}
