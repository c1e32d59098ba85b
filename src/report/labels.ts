/** The writers' own words in Chinese and English: sheet names, summary labels, warnings. */
import type { ColumnSpec, Language } from './types.js'

export interface Labels {
  readonly summarySheet: string
  readonly actionsSheet: string
  readonly unassigned: string
  readonly title: string
  readonly asOf: string
  readonly policy: string
  readonly policyHash: string
  readonly customers: string
  readonly valueIndicator: string
  readonly tier: string
  readonly customerShare: string
  readonly value: string
  readonly valueShare: string
  readonly expectedCustomers: string
  readonly expectedValue: string
  readonly withinExpected: string
  readonly sheet: string
  readonly rowsInSheet: string
  readonly warnings: string
  readonly noWarnings: string
  readonly planned: string
  readonly leftOut: string
}

export const LABELS: Readonly<Record<Language, Labels>> = {
  zh: {
    summarySheet: '汇总',
    actionsSheet: '行动计划',
    unassigned: '未分级',
    title: '客户分级管理分析表格',
    asOf: '分析日期',
    policy: '分级方案',
    policyHash: '方案指纹',
    customers: '客户数',
    valueIndicator: '价值指标',
    tier: '等级',
    customerShare: '客户占比',
    value: '价值',
    valueShare: '价值占比',
    expectedCustomers: '预期客户占比',
    expectedValue: '预期价值占比',
    withinExpected: '符合预期',
    sheet: '工作表',
    rowsInSheet: '表中行数',
    warnings: '提示',
    noWarnings: '无',
    planned: '已安排',
    leftOut: '未安排',
  },
  en: {
    summarySheet: 'Summary',
    actionsSheet: 'Actions',
    unassigned: 'Unassigned',
    title: 'Customer tiering analysis',
    asOf: 'As of',
    policy: 'Policy',
    policyHash: 'Policy hash',
    customers: 'Customers',
    valueIndicator: 'Value indicator',
    tier: 'Tier',
    customerShare: 'Customer share',
    value: 'Value',
    valueShare: 'Value share',
    expectedCustomers: 'Expected customer share',
    expectedValue: 'Expected value share',
    withinExpected: 'Within expected',
    sheet: 'Sheet',
    rowsInSheet: 'Rows in sheet',
    warnings: 'Warnings',
    noWarnings: 'None',
    planned: 'Planned',
    leftOut: 'Left out',
  },
}

/** Headers of the actions table's columns (its contract is fixed, so they live here). */
export const ACTION_COLUMNS: readonly ColumnSpec[] = [
  { name: 'customer_id', zh: '客户编号', en: 'Customer ID', unit: 'text' },
  { name: 'tier', zh: '等级', en: 'Tier', unit: 'text' },
  { name: 'action', zh: '行动', en: 'Action', unit: 'text' },
  { name: 'owner', zh: '负责人', en: 'Owner', unit: 'text' },
  { name: 'priority', zh: '优先级', en: 'Priority', unit: 'count' },
  { name: 'due', zh: '截止日期', en: 'Due', unit: 'date' },
  { name: 'value_at_stake', zh: '涉及价值', en: 'Value at stake', unit: 'currency' },
  { name: 'status', zh: '状态', en: 'Status', unit: 'text' },
  { name: 'reason', zh: '原因', en: 'Reason', unit: 'text' },
]

/** The warning for a sheet cut at Excel's row limit, naming the file that has every row. */
export function truncatedWarning(
  lang: Language,
  sheet: string,
  rows: number,
  limit: number,
  fullFile: string,
): string {
  const n = (x: number) => x.toLocaleString('en-US')
  return lang === 'zh'
    ? `工作表「${sheet}」有 ${n(rows)} 行,超过 Excel 每个工作表 ${n(limit)} 行的上限;表中只写入了前 ${n(limit)} 行,全部数据见 ${fullFile}`
    : `Sheet "${sheet}" has ${n(rows)} rows, more than Excel's ${n(limit)} rows per sheet; it holds the first ${n(limit)}, and ${fullFile} has them all`
}

/** The note on a Parquet file written only because the workbook could not hold every row. */
export function addedParquetNote(lang: Language): string {
  return lang === 'zh'
    ? '因 analysis.xlsx 放不下全部行而一并写出'
    : 'written because analysis.xlsx could not hold every row'
}

/** The note on a workbook with sheets cut at Excel's row limit. */
export function truncatedNote(lang: Language, fullFile: string): string {
  return lang === 'zh'
    ? `部分工作表超过 Excel 行数上限,只写入了前面的行;全部数据见 ${fullFile}`
    : `some sheets were cut at Excel's row limit; ${fullFile} has every row`
}
