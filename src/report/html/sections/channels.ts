/** Acquisition channels (with CLV ÷ acquisition cost where known) and the product mix per tier. */
import {
  channelChart,
  productMixChart,
  type ChannelData,
  type ProductMixData,
} from '../../charts/index.js'
import { formatCount, formatMoney, formatShare, html, type Html } from '../format.js'
import { OTHER } from '../types.js'
import { chapter, type SectionContext } from './context.js'
import { figure } from './figure.js'

function channelTable(ctx: SectionContext, data: ChannelData): Html {
  const { t } = ctx
  const zh = ctx.lang === 'zh'
  const totalCustomers = data.channels.reduce((a, c) => a + c.customers, 0)
  const anyCost = data.channels.some((c) => c.acquisitionCost !== undefined)
  const head = [
    zh ? '获客渠道' : 'Channel',
    t.customers,
    t.customerShare,
    ctx.pick(ctx.data.value.label),
    zh ? '平均 CLV' : 'Mean CLV',
    ...(anyCost ? [zh ? '人均获客成本' : 'Acquisition cost', 'CLV ÷ CAC'] : []),
  ]
  const rows = data.channels.map((c) => {
    const cost = c.acquisitionCost
    const ratio = cost !== undefined && cost > 0 ? `${(c.clv / cost).toFixed(1)}×` : '–'
    const cells = [
      html`<td>${c.channel}</td>`,
      html`<td class="num">${formatCount(c.customers)}</td>`,
      html`<td class="num">
        ${formatShare(totalCustomers > 0 ? c.customers / totalCustomers : 0)}
      </td>`,
      html`<td class="num">${formatMoney(c.value, ctx.data.currency)}</td>`,
      html`<td class="num">${formatMoney(c.clv, ctx.data.currency)}</td>`,
      ...(anyCost
        ? [
            html`<td class="num">
              ${cost === undefined ? '–' : formatMoney(cost, ctx.data.currency)}
            </td>`,
            html`<td class="num">${ratio}</td>`,
          ]
        : []),
    ]
    return html`<tr>
      ${cells}
    </tr>`
  })
  return html`<table class="channel-table">
    <thead>
      <tr>
        ${head.map((h, i) => html`<th${i === 0 ? '' : html` class="num"`}>${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`
}

/** The name of the band that stands for the smaller channels or categories, in the page's language. */
const named = (ctx: SectionContext, name: string) => (name === OTHER ? ctx.t.other : name)

export function channelsSection(ctx: SectionContext): Html {
  const { data, t } = ctx
  const raw = data.charts.channels
  const channels: ChannelData | undefined = raw && {
    ...raw,
    channels: raw.channels.map((c) => ({ ...c, channel: named(ctx, c.channel) })),
  }
  const mix: ProductMixData | undefined = data.charts.productMix && {
    ...data.charts.productMix,
    categories: data.charts.productMix.categories.map((c) => named(ctx, c)),
  }
  return chapter('channels', t.channels, [
    figure(ctx, 'channels', channels, channelChart, undefined, 940),
    channels ? channelTable(ctx, channels) : html``,
    figure(ctx, 'productMix', mix, productMixChart, undefined, 900),
  ])
}
