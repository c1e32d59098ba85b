// What the dashboard says, in each language, where the walk-through test looks for it: the
// labels a person reads, so the test also checks that every page speaks both languages.
export type Lang = 'zh' | 'en'

export interface Words {
  readonly title: string
  readonly signIn: string
  readonly username: string
  readonly password: string
  readonly noAnalysis: string
  readonly overview: string
  readonly importData: string
  readonly chooseFiles: string
  readonly chosenFiles: string
  readonly upload: string
  readonly removeFile: (file: string) => string
  readonly importFailed: string
  readonly importedFiles: string
  readonly nextRun: string
  readonly runAnalysis: string
  readonly policy: string
  readonly asOf: string
  readonly run: string
  readonly snapshotHeading: (n: number) => RegExp
  readonly customersTotal: (n: number) => string
  readonly reason: string
  readonly orders: string
  readonly policies: string
  readonly previewReady: string
  readonly ruleOf: (tier: string) => string
  readonly policyText: string
  readonly lineNo: (n: number) => string
  readonly saveAs: string
  readonly save: string
  readonly savedAs: (name: string) => string
  readonly snapshots: string
  readonly fromSnapshot: string
  readonly toSnapshot: string
  readonly compare: string
  readonly exports: string
  readonly downloadCsv: string
  readonly downloadSalesforce: string
  readonly crmObject: string
  readonly actions: string
  readonly byOwner: string
  readonly owner: string
  readonly state: string
  readonly markDoneOf: (id: number) => string
  readonly doneNote: (id: number) => string
  readonly confirmDone: string
  readonly tooLarge: string
}

const n = (x: number) => x.toLocaleString('en-US')

export const WORDS: Record<Lang, Words> = {
  zh: {
    title: '客户分级管理',
    signIn: '登录',
    username: '用户名',
    password: '密码',
    noAnalysis: '还没有分析结果',
    overview: '概览',
    importData: '导入数据',
    chooseFiles: '选择文件',
    chosenFiles: '已选择的文件',
    upload: '上传并导入',
    removeFile: (f) => `移除 ${f}`,
    importFailed: '导入失败,数据未写入',
    importedFiles: '各文件导入结果',
    nextRun: '下一步:运行分析',
    runAnalysis: '运行分析',
    policy: '分级策略',
    asOf: '分析日期',
    run: '运行',
    snapshotHeading: (k) => new RegExp(`^概览 · 快照 #${k}$`),
    customersTotal: (k) => `共 ${n(k)} 位客户`,
    reason: '评级原因',
    orders: '订单记录',
    policies: '分级策略',
    previewReady: '预览已更新',
    ruleOf: (tier) => `${tier} 的规则`,
    policyText: '策略(YAML)',
    lineNo: (k) => `第 ${k} 行`,
    saveAs: '保存为',
    save: '保存',
    savedAs: (name) => `已保存为 ${name}`,
    snapshots: '快照与对比',
    fromSnapshot: '起始快照',
    toSnapshot: '对比快照',
    compare: '对比两个快照',
    exports: '导出',
    downloadCsv: '下载 CSV',
    downloadSalesforce: '下载 Salesforce 文件',
    crmObject: 'CRM 记录类型',
    actions: '行动跟踪',
    byOwner: '按负责人',
    owner: '负责人',
    state: '状态',
    markDoneOf: (id) => `把行动 ${id} 记为完成`,
    doneNote: (id) => `行动 ${id}:做了什么(可选)`,
    confirmDone: '记为完成',
    tooLarge: '文件太大',
  },
  en: {
    title: 'Customer tiering',
    signIn: 'Sign in',
    username: 'User name',
    password: 'Password',
    noAnalysis: 'No analysis yet',
    overview: 'Overview',
    importData: 'Import data',
    chooseFiles: 'Choose files',
    chosenFiles: 'Chosen files',
    upload: 'Upload and import',
    removeFile: (f) => `Remove ${f}`,
    importFailed: 'Import failed; nothing was written',
    importedFiles: 'Imported files',
    nextRun: 'Next: run an analysis',
    runAnalysis: 'Run analysis',
    policy: 'Policy',
    asOf: 'As of',
    run: 'Run',
    snapshotHeading: (k) => new RegExp(`^Overview · snapshot #${k}$`),
    customersTotal: (k) => `${n(k)} customers`,
    reason: 'Reason',
    orders: 'Orders',
    policies: 'Policies',
    previewReady: 'Preview up to date',
    ruleOf: (tier) => `Rule of ${tier}`,
    policyText: 'Policy (YAML)',
    lineNo: (k) => `line ${k}`,
    saveAs: 'Save as',
    save: 'Save',
    savedAs: (name) => `Saved as ${name}`,
    snapshots: 'Snapshots',
    fromSnapshot: 'From snapshot',
    toSnapshot: 'To snapshot',
    compare: 'Compare two snapshots',
    exports: 'Exports',
    downloadCsv: 'Download CSV',
    downloadSalesforce: 'Download Salesforce file',
    crmObject: 'CRM record type',
    actions: 'Actions',
    byOwner: 'By owner',
    owner: 'Owner',
    state: 'Status',
    markDoneOf: (id) => `Mark action ${id} done`,
    doneNote: (id) => `Action ${id}: what was done (optional)`,
    confirmDone: 'Mark done',
    tooLarge: 'too large',
  },
}
