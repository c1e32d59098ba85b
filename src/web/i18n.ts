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

export function formatNumber(lang: Lang, n: number | null, digits = 0): string {
  if (n === null) return '–'
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  })
}

export const percent = (lang: Lang, x: number) => `${formatNumber(lang, x * 100, 1)}%`
