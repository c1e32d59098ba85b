// The dashboard's words in Chinese and English; the choice is kept in localStorage.
import type { Lang } from './api.js'

const WORDS = {
  title: ['客户分级管理', 'Customer tiering'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出登录', 'Sign out'],
  username: ['用户名', 'User name'],
  password: ['密码', 'Password'],
  loginFailed: ['登录失败', 'Sign-in failed'],
  overview: ['概览', 'Overview'],
  customers: ['客户列表', 'Customers'],
  tier: ['客户层级', 'Tier'],
  count: ['客户数', 'Customers'],
  customerShare: ['客户占比', 'Share of customers'],
  value: ['价值', 'Value'],
  valueShare: ['价值占比', 'Share of value'],
  asOf: ['分析日期', 'As of'],
  policy: ['分级策略', 'Policy'],
  allTiers: ['全部层级', 'All tiers'],
  search: ['搜索', 'Search'],
  searchLabel: ['按编号或名称搜索', 'Search by ID or name'],
  prev: ['上一页', 'Previous'],
  next: ['下一页', 'Next'],
  pageOf: ['第 {p} / {n} 页,共 {t} 位客户', 'Page {p} of {n}, {t} customers'],
  noResults: ['没有符合条件的客户', 'No customers match'],
  loading: ['加载中…', 'Loading…'],
  customer_id: ['客户编号', 'Customer ID'],
  name: ['名称', 'Name'],
  segment: ['细分', 'Segment'],
  account_manager: ['客户经理', 'Account manager'],
  monetary: ['消费金额', 'Monetary'],
  frequency: ['购买次数', 'Frequency'],
  recency_days: ['距上次购买(天)', 'Days since purchase'],
  last_purchase: ['最近购买', 'Last purchase'],
  sortBy: ['按{c}排序', 'Sort by {c}'],
  basis: ['分级依据', 'Basis'],
  reason: ['评级原因', 'Reason'],
  needs: ['需求分析', 'Needs'],
  actions: ['建议行动', 'Actions'],
  history: ['层级历史', 'Tier history'],
  snapshot: ['快照', 'Snapshot'],
  owner: ['负责人', 'Owner'],
  priority: ['优先级', 'Priority'],
  due: ['截止日期', 'Due'],
  status: ['状态', 'Status'],
  none: ['无', 'None'],
  back: ['返回客户列表', 'Back to customers'],
  total: ['合计', 'Total'],
  snapshotNo: ['快照 #{n}', 'snapshot #{n}'],
  totalValue: ['价值合计', 'Total value'],
  tierCount: ['层级数', 'Tiers'],
  topTierShare: ['{tier}:客户占比 → 价值占比', '{tier}: customers → value'],
  noAnalysis: [
    '还没有分析结果。先导入客户和订单数据,再运行一次分析。',
    'No analysis yet. Import customers and orders, then run an analysis.',
  ],
  warnings: ['需要注意', 'Warnings'],
  outsideCustomers: [
    '{tier}的客户占比为 {share},超出策略预期的 {range}',
    '{tier} holds {share} of customers, outside the expected {range}',
  ],
  outsideValue: [
    '{tier}的价值占比为 {share},超出策略预期的 {range}',
    '{tier} holds {share} of value, outside the expected {range}',
  ],
  distributionTitle: [
    '客户分级分布:客户数占比与价值占比',
    'Tier distribution: share of customers and of value',
  ],
  paretoTitle: ['客户价值帕累托曲线', 'Pareto curve of customer value'],
  paretoByTierTitle: ['客户价值帕累托曲线(按层级)', 'Pareto curve of customer value (by tier)'],
  paretoByTierNote: [
    '曲线的拐点是层级的边界(层级按人均价值从高到低排列),层级内部按直线连接。',
    'The bends are the tier boundaries (tiers by value per customer, highest first); straight within a tier.',
  ],
  curve: ['累计价值占比', 'Cumulative share of value'],
  equalShares: ['均匀分布', 'Equal shares'],
  curveX: ['累计客户占比(按价值从高到低)', 'Cumulative share of customers (highest value first)'],
  curveY: ['累计价值占比', 'Cumulative share of value'],
  importData: ['导入数据', 'Import data'],
  importHint: [
    '客户、订单、接触记录、反馈等文件:CSV/TSV(UTF-8、GBK 等)、Excel、Parquet、JSON。一次导入全部成功或全部不导入。',
    'Customers, orders, interactions, feedback: CSV/TSV (UTF-8, GBK …), Excel, Parquet, JSON. An import succeeds as a whole or not at all.',
  ],
  chooseFiles: ['选择文件', 'Choose files'],
  dropHere: ['或把文件拖放到这里', 'or drop files here'],
  chosenFiles: ['已选择的文件', 'Chosen files'],
  kib: ['{n} KB', '{n} KB'],
  remove: ['移除', 'Remove'],
  removeFile: ['移除 {file}', 'Remove {file}'],
  upload: ['上传并导入', 'Upload and import'],
  uploading: ['上传进度', 'Upload progress'],
  importing: ['正在导入…', 'Importing…'],
  uploadFailed: ['上传失败', 'Upload failed'],
  tooLarge: [
    '文件太大,服务器拒绝接收。请拆分文件或分批导入。',
    'The files are too large for the server. Split them or import them in smaller batches.',
  ],
  imported: ['已导入 {n} 个文件。', 'Imported {n} files.'],
  nextRun: ['下一步:运行分析', 'Next: run an analysis'],
  importedFiles: ['各文件导入结果', 'Imported files'],
  file: ['文件', 'File'],
  table: ['数据表', 'Table'],
  encoding: ['编码', 'Encoding'],
  rows: ['行数', 'Rows'],
  inserted: ['新增', 'New'],
  updated: ['更新', 'Updated'],
  unchanged: ['未变', 'Unchanged'],
  duplicates: ['重复', 'Duplicates'],
  quality: ['数据质量报告', 'Data quality report'],
  dateRange: ['日期范围', 'Dates'],
  noFindings: ['没有发现数据质量问题。', 'No data quality findings.'],
  warning: ['警告', 'Warning'],
  info: ['提示', 'Note'],
  examples: ['例如', 'e.g.'],
  importFailed: ['导入失败,数据未写入', 'Import failed; nothing was written'],
  issuesShown: ['显示 {n} 个问题,共 {total} 个', 'Showing {n} of {total} problems'],
  line: ['行号', 'Line'],
  recordNo: ['第 {n} 条', 'record {n}'],
  column: ['列', 'Column'],
  valueCell: ['值', 'Value'],
  expected: ['应为 / 问题', 'Expected / problem'],
  runAnalysis: ['运行分析', 'Run analysis'],
  runHint: [
    '按所选策略对全部客户分级,结果保存为一个新快照。',
    'Tiers every customer by the chosen policy and keeps the result as a new snapshot.',
  ],
  asOfHint: [
    '分析日期留空时,取最后一笔订单的次日。',
    'Leave the as-of date empty to use the day after the last order.',
  ],
  presets: ['预置策略', 'Presets'],
  savedPolicies: ['已保存的策略', 'Saved policies'],
  run: ['运行', 'Run'],
  analysing: ['正在分析…', 'Analysing…'],
  viewPolicy: ['查看策略 {name}', 'View policy {name}'],
  lineNo: ['第 {n} 行', 'line {n}'],
  policies: ['分级策略', 'Policies'],
  choosePolicy: ['从左侧选择一个策略。', 'Choose a policy on the left.'],
  presetHint: [
    '预置策略不能覆盖:修改后另存为新名称。',
    'A preset cannot be overwritten: save your changes under a new name.',
  ],
  policyText: ['策略(YAML)', 'Policy (YAML)'],
  preview: ['假设分析:按当前数据预览', 'What-if preview on the current data'],
  previewing: ['正在更新预览…', 'Updating the preview…'],
  previewReady: ['预览已更新', 'Preview up to date'],
  previewStale: [
    '策略有错误:下面仍是上一版有效策略的预览',
    'The policy has errors: below is the preview of the last valid version',
  ],
  previewSummary: [
    '按 {asOf} 的数据,{n} 位客户中有 {changed} 位的层级与当前策略 {base} 不同。',
    'As of {asOf}, {changed} of {n} customers would be in another tier than under {base}.',
  ],
  expectedRange: ['预期 {range}', 'expected {range}'],
  outsideExpected: ['超出预期', 'outside expected'],
  previewMatrixCaption: [
    '客户迁移:行为当前策略 {base} 的层级,列为编辑后的层级',
    'Migration: rows are the tiers under {base}, columns the edited tiers',
  ],
  tierForm: ['层级名称与规则', 'Tier names and rules'],
  nameZh: ['中文名称', 'Chinese name'],
  nameEn: ['英文名称', 'English name'],
  rule: ['规则', 'Rule'],
  fieldOfTier: ['{tier} 的{field}', '{field} of {tier}'],
  defaultTier: ['默认层级(其余客户)', 'Default tier (everyone else)'],
  formNeedsYaml: ['YAML 有错误,修正后才能使用表单。', 'Fix the YAML to use the form.'],
  saveAs: ['保存为', 'Save as'],
  nameRule: ['小写字母、数字和 -', 'lower-case letters, digits and -'],
  save: ['保存', 'Save'],
  savedAs: ['已保存为 {name}', 'Saved as {name}'],
  openPolicy: ['打开', 'Open'],
  actionsTitle: ['行动跟踪', 'Actions'],
  mine: ['我的行动', 'Mine'],
  byOwner: ['按负责人', 'By owner'],
  overdue: ['逾期', 'Overdue'],
  allStates: ['全部状态', 'All states'],
  allOwners: ['全部负责人', 'All owners'],
  open: ['待办', 'Open'],
  done: ['已完成', 'Done'],
  skipped: ['已跳过', 'Skipped'],
  ownerStats: ['各负责人的执行情况', 'Follow-through by owner'],
  completionRate: ['完成率', 'Completion'],
  noActions: ['没有符合条件的行动。', 'No actions match.'],
  record: ['记录', 'Record'],
  overdueFlag: ['(逾期)', '(overdue)'],
  markDone: ['完成', 'Done'],
  skip: ['跳过', 'Skip'],
  markDoneOf: ['把行动 {id} 记为完成', 'Mark action {id} done'],
  skipOf: ['跳过行动 {id}', 'Skip action {id}'],
  doneNote: ['行动 {id}:做了什么(可选)', 'Action {id}: what was done (optional)'],
  skipNote: ['行动 {id}:跳过的原因', 'Action {id}: why it was skipped'],
  confirmDone: ['记为完成', 'Mark done'],
  confirmSkip: ['记为跳过', 'Mark skipped'],
  cancel: ['取消', 'Cancel'],
  actionsPage: ['行动第 {p} / {n} 页', 'Actions page {p} of {n}'],
  actionsCount: ['第 {p} / {n} 页,共 {total} 项', 'Page {p} of {n}, {total} actions'],
  snapshots: ['快照与对比', 'Snapshots'],
  noSnapshots: [
    '还没有快照:每次运行分析会保存一个。',
    'No snapshots yet: every analysis keeps one.',
  ],
  createdAt: ['创建时间', 'Created'],
  compare: ['对比两个快照', 'Compare two snapshots'],
  compareNotAllowed: ['你的角色不能对比快照。', 'Your role may not compare snapshots.'],
  needTwoSnapshots: [
    '至少需要两个快照:换一个分析日期再运行一次分析。',
    'Two snapshots are needed: run another analysis, e.g. at another as-of date.',
  ],
  fromSnapshot: ['起始快照', 'From snapshot'],
  toSnapshot: ['对比快照', 'To snapshot'],
  migrationTitle: ['层级迁移:{a} → {b}', 'Tier migration: {a} → {b}'],
  compareSummary: [
    '两个快照共有 {n} 位客户:{stayed} 位层级不变,{up} 位升级,{down} 位降级;新增 {added} 位,流失 {lost} 位,移出数据 {gone} 位。',
    '{n} customers in both: {stayed} stayed, {up} moved up, {down} moved down; {added} new, {lost} lost, {gone} gone from the data.',
  ],
  matrixCaption: [
    '迁移矩阵:行为起始快照的层级,列为对比快照的层级',
    'Migration matrix: rows are the first snapshot’s tiers, columns the second’s',
  ],
  flowTitle: ['客户等级迁移流向', 'Tier migration flow'],
  movedCaption: [
    '层级变化的客户(价值最高的 {n} 位,共 {total} 位)',
    'Customers who moved (top {n} by value of {total})',
  ],
  fromTier: ['原层级', 'From'],
  toTier: ['新层级', 'To'],
  direction: ['方向', 'Direction'],
  movedUp: ['升级', 'Up'],
  movedDown: ['降级', 'Down'],
  changed: ['变更', 'Changed'],
  exports: ['导出', 'Exports'],
  exportsHint: [
    '下载最新分析的结果。没有查看联系方式权限的角色拿到的是脱敏数据。',
    'Download the latest analysis. Roles without rights to contact data get it masked.',
  ],
  crmObject: ['CRM 记录类型', 'CRM record type'],
  contact: ['联系人', 'Contacts'],
  account: ['公司', 'Accounts'],
  download: ['下载 {format}', 'Download {format}'],
  analysisTable: ['分析表', 'The analysis table'],
  crmFiles: ['CRM 导入文件', 'CRM import files'],
  formatCsv: ['CSV', 'CSV'],
  formatSalesforce: ['Salesforce 文件', 'Salesforce file'],
  formatHubspot: ['HubSpot 文件', 'HubSpot file'],
  formatZoho: ['Zoho 文件', 'Zoho file'],
  formatGeneric: ['通用 CRM 文件', 'generic CRM file'],
  exportCsv: [
    '每位客户的层级、指标、原因与建议行动',
    'Each customer’s tier, indicators, reason and actions',
  ],
  exportCrmFile: ['层级标签,按该 CRM 的导入格式', 'Tier tags in this CRM’s import format'],
  exportGeneric: ['层级标签,通用列名', 'Tier tags under plain column names'],
  high: ['高', 'high'],
  medium: ['中', 'medium'],
  low: ['低', 'low'],
  switchLang: ['English', '中文'],
  switchLangLabel: ['Switch to English', '切换到中文'],
} as const satisfies Record<string, readonly [string, string]>

export type Word = keyof typeof WORDS
export type T = (word: Word, vars?: Record<string, string | number>) => string

const LANG_KEY = 'clientele.lang'

export function savedLang(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'
}

export function saveLang(lang: Lang): void {
  localStorage.setItem(LANG_KEY, lang)
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
}

/** The translator for one language. */
export function translator(lang: Lang): T {
  return (word, vars = {}) =>
    WORDS[word][lang === 'zh' ? 0 : 1].replace(/\{(\w+)\}/g, (_, k: string) =>
      String(vars[k] ?? ''),
    )
}

const PRIORITIES = new Set(['high', 'medium', 'low'])

/** An action's priority in the page's language; another value as it is. */
export const priorityText = (t: T, p: string | null): string =>
  p === null ? '–' : PRIORITIES.has(p) ? t(p as 'high' | 'medium' | 'low') : p

export function formatNumber(lang: Lang, n: number | null, digits = 0): string {
  if (n === null) return '–'
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  })
}

export const percent = (lang: Lang, x: number) => `${formatNumber(lang, x * 100, 1)}%`
