/** Each tier in turn: what defines it, its action plan, and its highest-value customers with reasons. */
import { formatCount, formatMoney, formatShare, html, type Html } from '../format.js'
import type { ReportAction, ReportTier } from '../types.js'
import { chapter, type SectionContext } from './context.js'

function spanText(ctx: SectionContext, span: string): string {
  const m = /^(\d+)([dwmy])$/.exec(span)
  if (!m) return span
  const n = Number(m[1])
  const unit = m[2] as 'd' | 'w' | 'm' | 'y'
  if (ctx.lang === 'zh') return `${n} ${{ d: '天', w: '周', m: '个月', y: '年' }[unit]}`
  return `${n} ${{ d: 'day', w: 'week', m: 'month', y: 'year' }[unit]}${n === 1 ? '' : 's'}`
}

function actionTable(ctx: SectionContext, actions: readonly ReportAction[]): Html {
  const { t } = ctx
  if (actions.length === 0) return html`<p class="muted">${t.noActions}</p>`
  const rows = actions.map(
    (a) =>
      html`<tr>
        <td>${ctx.pick(a.text)}</td>
        <td>
          ${a.when === undefined ? t.allCustomers : a.whenText ? html`${ctx.pick(a.whenText)}<code class="rule-code">${a.when}</code>` : html`<code>${a.when}</code>`}
        </td>
        <td>${a.owner === 'account_manager' ? t.accountManager : a.owner}</td>
        <td>${t[a.priority]}</td>
        <td>${spanText(ctx, a.due)}</td>
        <td class="num">${formatCount(a.planned)}</td>
        <td class="num">${formatCount(a.leftOut)}</td>
      </tr>`,
  )
  return html`<table class="actions">
    <colgroup>
      <col style="width:27%" />
      <col style="width:20%" />
      <col style="width:12%" />
      <col style="width:10%" />
      <col style="width:10%" />
      <col style="width:9%" />
      <col style="width:12%" />
    </colgroup>
    <thead>
      <tr>
        <th>${t.action}</th>
        <th>${t.condition}</th>
        <th>${t.owner}</th>
        <th>${t.priority}</th>
        <th>${t.due}</th>
        <th class="num">${t.planned}</th>
        <th class="num">${t.leftOut}</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`
}

function customerTable(ctx: SectionContext, tier: ReportTier): Html {
  const { t, data } = ctx
  if (tier.top.length === 0) return html`<p class="muted">${t.noCustomers}</p>`
  const actionText = ({ id, planned }: { id: string; planned: boolean }) => {
    const a = tier.actions.find((x) => x.id === id)
    return (a ? ctx.pick(a.text) : id) + (planned ? '' : t.notPlanned)
  }
  const rows = tier.top.map(
    (c) =>
      html`<tr>
        <td>
          ${c.name === null || c.name === c.id ? c.id : html`${c.name}<br /><span class="muted">${c.id}</span>`}
        </td>
        <td class="num">${formatMoney(c.value, data.currency)}</td>
        <td>${ctx.pick(c.reason)}</td>
        <td>
          ${
            c.actions.length === 0
              ? '–'
              : html`<ul class="plain">
                  ${c.actions.map((a) => html`<li>${actionText(a)}</li>`)}
                </ul>`
          }
        </td>
      </tr>`,
  )
  return html`<table class="customers">
    <colgroup>
      <col style="width:22%" />
      <col style="width:13%" />
      <col style="width:40%" />
      <col style="width:25%" />
    </colgroup>
    <thead>
      <tr>
        <th>${t.customer}</th>
        <th class="num">${ctx.pick(data.value.label)}</th>
        <th>${t.reason}</th>
        <th>${t.actionPlan}</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`
}

function tierCard(ctx: SectionContext, tier: ReportTier): Html {
  const { t } = ctx
  const color = ctx.colors[tier.id] ?? '#999999'
  const headline =
    ctx.lang === 'zh'
      ? `${formatCount(tier.customers)} 位客户（${formatShare(tier.customerShare)}），贡献 ${formatShare(tier.valueShare)} 的价值`
      : `${formatCount(tier.customers)} customers (${formatShare(tier.customerShare)}), ${formatShare(tier.valueShare)} of value`
  const rule = tier.isDefault
    ? html`${t.defaultRule}`
    : html`${tier.ruleText ? ctx.pick(tier.ruleText) : ''}${tier.rule === undefined ? '' : html`<code class="rule-code">${tier.rule}</code>`}`
  return html`<article class="tier" id="tier-${tier.id}" style="border-top-color:${color}">
    <h3>
      <span class="swatch" style="background:${color}"></span>${ctx.pick(tier.name)}
      <span class="muted">&nbsp;· ${headline}</span>
    </h3>
    <dl>
      ${
        tier.description
          ? html`<dt>${t.definition}</dt>
              <dd>${ctx.pick(tier.description)}</dd>`
          : ''
      }
      <dt>${t.rule}</dt>
      <dd>${rule}</dd>
    </dl>
    <h4>${t.actionPlan}</h4>
    ${actionTable(ctx, tier.actions)}
    <h4>${t.topCustomers}</h4>
    ${customerTable(ctx, tier)}
  </article>`
}

export function tiersSection(ctx: SectionContext): Html {
  return chapter(
    'tiers',
    ctx.t.tiers,
    ctx.data.tiers.map((tier) => tierCard(ctx, tier)),
  )
}
