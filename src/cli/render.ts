/** Text renderings of results for a terminal; each is a pure function of the result. */
import type { AnalyzeResult, ClusterAnalyzeResult, FitReport, StoreStatus } from '../app/index.js'
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

const share = (x: number) => `${(x * 100).toFixed(1)}%`
const rangeText = (r: readonly [number, number] | undefined) =>
  r ? `${Math.round(r[0] * 100)}–${Math.round(r[1] * 100)}%` : ''

function tierLines(r: AnalyzeResult | ClusterAnalyzeResult, lang: 'zh' | 'en'): string[] {
  const zh = lang === 'zh'
  const head = zh
    ? `${r.policy.name.zh}:${r.customers.toLocaleString('en-US')} 位客户,评估日 ${r.asOf},窗口 ${r.window},价值指标 ${r.valueIndicator}`
    : `${r.policy.name.en}: ${r.customers.toLocaleString('en-US')} customers as of ${r.asOf}, window ${r.window}, value by ${r.valueIndicator}`
  const tiers = formatTable(
    zh
      ? ['层级', '客户数', '客户占比', '价值占比', '预期客户占比', '预期价值占比', '']
      : ['tier', 'customers', 'share', 'value share', 'expected share', 'expected value', ''],
    r.tiers.map((t) => [
      t.name[lang],
      t.customers,
      share(t.customerShare),
      share(t.valueShare),
      rangeText(t.expected?.customers),
      rangeText(t.expected?.value),
      t.withinExpected ? '' : '!',
    ]),
  )
  return [head, '', tiers]
}

function tailLines(r: AnalyzeResult | ClusterAnalyzeResult, lang: 'zh' | 'en'): string[] {
  const zh = lang === 'zh'
  const lines: string[] = []
  if (r.warnings.length > 0)
    lines.push('', zh ? '提示:' : 'Warnings:', ...r.warnings.map((w) => `  ! ${w}`))
  if (r.files.length > 0)
    lines.push(
      '',
      zh ? '输出文件:' : 'Files:',
      ...r.files.map((f) => `  ${f.path}${f.note ? ` (${f.note})` : ''}`),
    )
  return lines
}

function actionsLine(a: { planned: number; leftOut: number }, lang: 'zh' | 'en'): string {
  return lang === 'zh'
    ? `行动:计划 ${a.planned} 项,因容量不足未排入 ${a.leftOut} 项`
    : `Actions: ${a.planned} planned, ${a.leftOut} left out for lack of capacity`
}

export function renderAnalyze(r: AnalyzeResult, lang: 'zh' | 'en'): string {
  return [...tierLines(r, lang), '', actionsLine(r.actions, lang), ...tailLines(r, lang)].join('\n')
}

/** A ClickHouse analysis: the tiers, where the results are, and what it left to DuckDB stores. */
export function renderClusterAnalyze(r: ClusterAnalyzeResult, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh'
  return [
    ...tierLines(r, lang),
    '',
    actionsLine(r.actions, lang),
    zh
      ? `结果表:${r.store} 中的 ${r.table}(每位客户一行)和 analysis_actions(每项行动一行);已保存为快照 ${r.snapshot.id}。行动跟踪、趋势、回填与删除快照仅在 DuckDB 存储上提供。`
      : `Results: tables ${r.table} (one row per customer) and analysis_actions (one row per action) in ${r.store}; kept as snapshot ${r.snapshot.id}. Not on ClickHouse: ${r.limits}.`,
    ...r.snapshot.warnings.map((w) => `  ! ${w}`),
    ...tailLines(r, lang),
  ].join('\n')
}
