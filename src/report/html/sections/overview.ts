/** The overview: headline figures, each tier's share against its expected range, and warnings. */
import {
  formatCount,
  formatMoney,
  formatMoneyCompact,
  formatRange,
  formatShare,
  html,
  type Html,
} from '../format.js'
import { qualityText } from '../quality-text.js'
import type { ReportTier } from '../types.js'
import { chapter, tierLabel, type SectionContext } from './context.js'

/** `365d` → `近 365 天` / `last 365 days`; `all` → the whole history. */
export function windowText(ctx: SectionContext, window: string): string {
  const m = /^(\d+)([dwmy])$/.exec(window)
  if (!m) return window === 'all' ? ctx.t.windowAll : window
  const n = Number(m[1])
  const unit = m[2] as 'd' | 'w' | 'm' | 'y'
  if (ctx.lang === 'zh') return `近 ${n} ${{ d: '天', w: '周', m: '个月', y: '年' }[unit]}`
  const word = { d: 'day', w: 'week', m: 'month', y: 'year' }[unit]
  return `last ${n} ${word}${n === 1 ? '' : 's'}`
}

const inRange = (v: number, r: readonly [number, number] | undefined) =>
  r === undefined || (v >= r[0] - 1e-9 && v <= r[1] + 1e-9)

function shareWarnings(ctx: SectionContext, tier: ReportTier): string[] {
  const name = ctx.pick(tier.name)
  const out: string[] = []
  const c = tier.expected?.customers
  if (c && !inRange(tier.customerShare, c)) {
    const share = formatShare(tier.customerShare)
    const more = tier.customerShare > c[1]
    const whose = tier.isDefault
      ? { zh: '其他等级的规则', en: 'the other tiers’ rules' }
      : { zh: '该等级的规则', en: 'its rule' }
    out.push(
      ctx.lang === 'zh'
        ? `${name}占客户数的 ${share}，预期 ${formatRange(c)}：${more ? '收紧' : '放宽'}${whose.zh}`
        : `${name} holds ${share} of customers, expected ${formatRange(c)}: ${more ? 'tighten' : 'loosen'} ${whose.en}`,
    )
  }
  const v = tier.expected?.value
  if (v && !inRange(tier.valueShare, v)) {
    const share = formatShare(tier.valueShare)
    out.push(
      ctx.lang === 'zh'
        ? `${name}占价值的 ${share}，预期 ${formatRange(v)}：请复核分级规则`
        : `${name} holds ${share} of value, expected ${formatRange(v)}: review the tier rules`,
    )
  }
  return out
}

function warnings(ctx: SectionContext): Html {
  const { data, t } = ctx
  const shares = data.tiers.flatMap((tier) => shareWarnings(ctx, tier))
  const quality = data.quality.findings
    .filter((f) => f.severity === 'warning')
    .map((f) => `${qualityText(f.check, ctx.lang)}: ${formatCount(f.count)}`)
  const groups: [string, readonly string[]][] = [
    [t.shareWarnings, shares],
    [t.qualityWarnings, quality],
    [t.modelWarnings, data.modelWarnings],
  ]
  const shown = groups.filter(([, items]) => items.length > 0)
  if (shown.length === 0) return html`<p class="ok">${t.noWarnings}</p>`
  return html`<div class="warnings" data-warnings>
    ${shown.map(
      ([title, items]) =>
        html`<h4>${title}</h4>
          <ul>
            ${items.map((i) => html`<li>${i}</li>`)}
          </ul>`,
    )}
  </div>`
}

function expectedText(tier: ReportTier): string {
  const e = tier.expected
  const parts = [
    e?.customers ? formatRange(e.customers) : '—',
    e?.value ? formatRange(e.value) : '—',
  ]
  return parts.join(' / ')
}

function tierTable(ctx: SectionContext): Html {
  const { data, t } = ctx
  const rows = data.tiers.map((tier) => {
    const ok =
      inRange(tier.customerShare, tier.expected?.customers) &&
      inRange(tier.valueShare, tier.expected?.value)
    const status = tier.expected === undefined ? t.noExpectation : ok ? t.within : t.outside
    return html`<tr>
      <td>${tierLabel(ctx, tier.id)}</td>
      <td class="num">${formatCount(tier.customers)}</td>
      <td class="num">${formatShare(tier.customerShare)}</td>
      <td class="num">${formatMoney(tier.value, data.currency)}</td>
      <td class="num">${formatShare(tier.valueShare)}</td>
      <td class="num">${expectedText(tier)}</td>
      <td class="${tier.expected === undefined ? 'muted' : ok ? 'ok' : 'bad'}">${status}</td>
    </tr>`
  })
  return html`<table class="tier-table">
    <colgroup>
      <col style="width:20%" />
      <col style="width:11%" />
      <col style="width:11%" />
      <col style="width:17%" />
      <col style="width:11%" />
      <col style="width:16%" />
      <col style="width:14%" />
    </colgroup>
    <thead>
      <tr>
        <th>${t.tier}</th>
        <th class="num">${t.customers}</th>
        <th class="num">${t.customerShare}</th>
        <th class="num">${ctx.pick(data.value.label)}</th>
        <th class="num">${t.valueShare}</th>
        <th class="num">${t.expected}</th>
        <th>${t.status}</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`
}

export function overviewSection(ctx: SectionContext): Html {
  const { data, t } = ctx
  const card = (label: string, value: string, small = false) =>
    html`<div class="card">
      <div class="label">${label}</div>
      <div class="figure${small ? ' small' : ''}">${value}</div>
    </div>`
  const cards = html`<div class="cards">
    ${[
      card(t.customers, formatCount(data.customers)),
      card(
        ctx.lang === 'zh'
          ? `${t.totalValue}（${ctx.pick(data.value.label)}）`
          : `${t.totalValue} (${ctx.pick(data.value.label)})`,
        formatMoneyCompact(data.totalValue, data.currency, ctx.lang),
      ),
      card(t.tierCount, formatCount(data.tiers.length)),
      card(t.asOf, data.asOf),
      card(t.policy, ctx.pick(data.policy.name), true),
      card(t.window, windowText(ctx, data.window), true),
    ]}
  </div>`
  return chapter('overview', t.overview, [
    cards,
    data.policy.description ? html`<p>${ctx.pick(data.policy.description)}</p>` : html``,
    tierTable(ctx),
    html`<h3>${t.warnings}</h3>`,
    warnings(ctx),
  ])
}
