// The whole dashboard as a new user meets it, once in Chinese and once in English, in real
// headless Chromium against the real server on a fresh DuckDB store: sign in, drop a bad
// file (its line is pointed at) and then the b2b-cn examples, run an analysis (the overview's
// value map and lifecycle stages), browse a tier and a customer (its orders timeline), edit a
// policy and watch the what-if preview follow, save it, run a second analysis at another date
// and compare the two snapshots, download exports, close an action, see that an account
// manager gets only their own, and check a tablet's width. Figures on the page are checked
// against the API's answers. Screenshots go to test/artifacts/ (git-ignored).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine } from '../src/engine/index.js'
import { addUser, startServer, type RunningServer } from '../src/server/index.js'
import { ROOT } from './support/cli.js'
import { WORDS, type Lang } from './support/walkthrough-words.js'

const CHROMIUM = '/usr/bin/chromium'
const ARTIFACTS = join(ROOT, 'test', 'artifacts')
const EXAMPLES = join(ROOT, 'examples', 'b2b-cn')
const FILES = ['customers.csv', 'orders.csv', 'interactions.csv', 'feedback.csv']
const PASSWORD = 'correct horse battery'
/** An account manager of the b2b-cn customers, signed in as a manager. */
const MANAGER = '郑敏'
const ROUTES = [
  'overview',
  'customers',
  'import',
  'analyses',
  'policies?name=b2b4',
  'actions?view=owner',
  'snapshots?from=2&to=1',
  'exports',
]

// The page-side code runs in Chromium; the project compiles without the DOM library.
interface PageGlobals {
  readonly document: {
    readonly documentElement: { scrollWidth: number; clientWidth: number }
    addEventListener(type: string, listener: (e: { blockedURI: string }) => void): void
  }
  readonly sessionStorage: { getItem(key: string): string | null }
  violations: string[]
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

const count = (n: number) => n.toLocaleString('en-US')
const share = (x: number) => `${(x * 100).toFixed(1)}%`

let browser: Browser

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return
  const built = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts', 'build-web.mjs'), '--if-stale'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  )
  if (built.status !== 0) throw new Error(`building the dashboard failed:\n${built.stderr}`)
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync'],
  })
  mkdirSync(ARTIFACTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
})

/** A fresh store with an analyst and a manager, served on a loopback port. */
async function serveFreshStore(dir: string, maxUploadBytes?: number): Promise<RunningServer> {
  const store = join(dir, 'store.duckdb')
  const e = await openEngine(store)
  try {
    await addUser(e, 'ann', 'analyst', PASSWORD)
    await addUser(e, MANAGER, 'manager', PASSWORD)
  } finally {
    await e.close()
  }
  return startServer({ store, port: 0, host: '127.0.0.1', maxUploadBytes })
}

/** A 1280×800 context that refuses every request off the server and records CSP violations. */
async function openContext(server: RunningServer, outside: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith(server.url)) return route.continue()
    outside.push(route.request().url())
    return route.abort()
  })
  await context.addInitScript(() => {
    const w = globalThis as unknown as PageGlobals
    w.violations = []
    w.document.addEventListener('securitypolicyviolation', (e) => w.violations.push(e.blockedURI))
  })
  return context
}

function walkthrough(lang: Lang): void {
  const w = WORDS[lang]
  const dir = mkdtempSync(join(tmpdir(), `clientele-walkthrough-${lang}-`))
  const outside: string[] = []
  const errors: string[] = []
  let server: RunningServer
  let context: BrowserContext
  let page: Page
  let step = 0

  beforeAll(async () => {
    // screenshots of an earlier run would mix with this run's under shifted numbers
    for (const f of readdirSync(ARTIFACTS))
      if (f.startsWith(`walkthrough-${lang}-`)) rmSync(join(ARTIFACTS, f))
    server = await serveFreshStore(dir)
    context = await openContext(server, outside)
    page = await context.newPage()
    page.on('pageerror', (e) => errors.push(e.message))
  })
  afterAll(async () => {
    await context?.close()
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const shot = (name: string) =>
    page.screenshot({
      path: join(ARTIFACTS, `walkthrough-${lang}-${String(++step).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    })
  const overflow = () =>
    page.evaluate(() => {
      const root = (globalThis as unknown as PageGlobals).document.documentElement
      return root.scrollWidth - root.clientWidth
    })
  const api = async (path: string): Promise<Json> => {
    const r = await page.request.get(`${server.url}/api${path}`)
    expect(r.status(), path).toBe(200)
    return r.json()
  }
  const apiPost = async (path: string, body: unknown): Promise<Json> => {
    const csrf = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).sessionStorage.getItem('clientele.csrf'),
    )
    const r = await page.request.post(`${server.url}/api${path}`, {
      data: body,
      headers: { 'x-csrf-token': csrf ?? '' },
    })
    expect(r.status(), path).toBe(200)
    return r.json()
  }
  const navLinks = () =>
    page.getByRole('navigation', { name: w.title, exact: true }).getByRole('link')
  const nav = (name: string) => navLinks().filter({ hasText: name }).first()

  it('signs in with the keyboard to an empty store and is told to import data first', async () => {
    await page.goto(`${server.url}/`)
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { name: w.signIn }).waitFor()
    await page.getByLabel(w.username).focus()
    await page.keyboard.type('ann')
    await page.keyboard.press('Tab')
    await page.keyboard.type(PASSWORD)
    await page.keyboard.press('Enter')
    await page.getByText(w.noAnalysis).waitFor()
    await shot('empty-store')
    await page.getByRole('main').getByRole('link', { name: w.importData }).click()
    await page.getByRole('heading', { name: w.importData }).waitFor()
  })

  it('rejects a dropped bad file and names its line, column and value; nothing is written', async () => {
    const bad =
      '订单编号,客户编号,订单日期,实付金额\nSO1,C0000001,2024-01-05,100\nSO2,C0000002,2024-01-06,200\nSO3,C0000003,2024-13-45,300\n'
    // what the browser hands the page when a file is dropped on it
    const dropped = await page.evaluateHandle((text) => {
      const g = globalThis as unknown as {
        DataTransfer: new () => { items: { add(f: unknown): void } }
        File: new (parts: string[], name: string, o: { type: string }) => unknown
      }
      const dt = new g.DataTransfer()
      dt.items.add(new g.File([text], 'bad-orders.csv', { type: 'text/csv' }))
      return dt
    }, bad)
    await page.dispatchEvent('.drop', 'dragover', { dataTransfer: dropped })
    await page.dispatchEvent('.drop', 'drop', { dataTransfer: dropped })
    await page.getByRole('list', { name: w.chosenFiles }).getByText('bad-orders.csv').waitFor()
    await page.getByRole('button', { name: w.upload }).click()
    await page.getByRole('heading', { name: w.importFailed }).waitFor()
    const row = page.locator('table.issue-table tbody tr')
    expect(await row.count()).toBe(1)
    expect(await row.locator('td').allTextContents()).toEqual([
      'bad-orders.csv',
      '4',
      '订单日期',
      '2024-13-45',
      'expected a date such as 2024-01-05, 2024/1/5, 20240105 or 2024年1月5日',
    ])
    await shot('import-rejected')
    expect((await api('/snapshots')).length).toBe(0)
    await page.getByRole('button', { name: w.removeFile('bad-orders.csv') }).click()
    expect(await page.locator('ul.chosen li').count()).toBe(0)
  })

  it('uploads the examples with a progress bar and shows each file’s counts and the quality report', async () => {
    await page.getByLabel(w.chooseFiles).setInputFiles(FILES.map((f) => join(EXAMPLES, f)))
    expect(await page.locator('ul.chosen li').count()).toBe(FILES.length)
    // slow the upload down so the progress bar has something to show
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 1_500_000,
    })
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/imports'))
    await page.getByRole('button', { name: w.upload }).click()
    const progress = page.locator('progress')
    await expect
      .poll(async () => Number(await progress.getAttribute('value').catch(() => 0)), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0)
    await shot('uploading')
    const body = (await (await answer).json()) as Json
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    })
    expect(body.ok).toBe(true)
    await page.getByRole('heading', { name: w.importedFiles }).waitFor()
    const rows = page.locator('table.imported tbody tr')
    expect(await rows.locator('th').allTextContents()).toEqual(FILES)
    for (const [i, f] of (body.files as Json[]).entries())
      for (const key of ['rows', 'inserted', 'duplicates'])
        expect(
          await rows.nth(i).locator(`[data-count=${key}]`).textContent(),
          `${f.file} ${key}`,
        ).toBe(count(f[key]))
    // the README's figures for this data set: 15,093 order rows, 65 of them repeats
    expect(await rows.nth(1).locator('[data-count=rows]').textContent()).toBe('15,093')
    expect(await rows.nth(1).locator('[data-count=duplicates]').textContent()).toBe('65')
    const tables = page.locator('table.quality-tables tbody tr')
    expect(await tables.count()).toBe(body.quality.tables.length)
    expect(await page.locator('ul.findings li').count()).toBe(body.quality.findings.length)
    expect(await overflow()).toBe(0)
    await shot('imported')
  })

  it('runs an analysis and lands on the new snapshot’s overview, with the API’s figures', async () => {
    await page.getByRole('link', { name: w.nextRun }).click()
    await page.getByLabel(w.policy).selectOption('b2b4')
    await page.getByRole('button', { name: w.run, exact: true }).click()
    await page.getByRole('heading', { name: w.snapshotHeading(1) }).waitFor({ timeout: 60_000 })
    const tiers = await api('/tiers')
    expect(tiers.snapshot).toBe(1)
    expect(tiers.policy).toBe('b2b4')
    const total = (tiers.tiers as Json[]).reduce((s, x) => s + x.customers, 0)
    expect(await page.locator('[data-figure=customers]').textContent()).toBe(count(total))
    const rows = page.locator('table.tiers tbody tr')
    expect(await rows.count()).toBe(4)
    for (const [i, x] of (tiers.tiers as Json[]).entries()) {
      expect(await rows.nth(i).locator('th').textContent()).toBe(x.name[lang])
      expect(await rows.nth(i).locator('td.num').first().textContent()).toBe(count(x.customers))
    }
    const outside = (tiers.tiers as Json[]).filter((x) => x.withinExpected === false)
    expect(outside.length).toBeGreaterThan(0)
    const warnings = page.locator('section.warnings li')
    expect(await warnings.count()).toBeGreaterThanOrEqual(outside.length)
    await expect(warnings.first().textContent()).resolves.toContain(outside[0].name[lang])
    for (const chart of ['distribution', 'pareto', 'value-map', 'lifecycle'])
      await page.locator(`[data-chart=${chart}][data-ready]`).waitFor({ timeout: 30_000 })
    // the value map's quadrants and the lifecycle stages as the API counts them, store-wide
    const overview = await api(`/overview?snapshot=${tiers.snapshot}`)
    expect(overview.scope).toBe('store')
    expect(overview.valueMap.potential).toBe('clv')
    expect(overview.valueMap.customers + overview.valueMap.unmapped).toBe(total)
    expect(await page.locator('table.quadrants tbody td:nth-child(2)').allTextContents()).toEqual(
      overview.valueMap.quadrants.map((q: Json) => count(q.customers)),
    )
    const stages = page.locator('table.stages tbody tr')
    expect(await stages.count()).toBe(5)
    for (const s of overview.lifecycle.stages as Json[])
      expect(
        await page.locator(`table.stages tr[data-stage=${s.id}] td.num`).first().textContent(),
      ).toBe(count(s.customers))
    // a tooltip drawn as HTML would carry style attributes the CSP refuses (checked at the end)
    const box = (await page.locator('[data-chart=distribution]').boundingBox())!
    for (let x = 0.2; x < 0.9; x += 0.1)
      await page.mouse.move(box.x + box.width * x, box.y + box.height * 0.45)
    await page.waitForTimeout(300)
    expect(await overflow()).toBe(0)
    await shot('overview')
  })

  it('browses a tier and opens a customer', async () => {
    const tiers = await api('/tiers')
    const top = tiers.tiers[0] as Json
    await page.getByRole('link', { name: top.name[lang], exact: true }).click()
    await page.getByRole('heading', { name: top.name[lang] }).waitFor()
    await page
      .getByRole('status')
      .filter({ hasText: w.customersTotal(top.customers) })
      .waitFor()
    const listed = await api(
      `/customers?tier=${top.id}&sort=monetary&order=desc&page=1&pageSize=25`,
    )
    const first = page.locator('table.customers tbody tr:first-child td:first-child a')
    await expect.poll(() => first.textContent()).toBe(listed.customers[0].customer_id)
    await shot('tier')
    await first.click()
    await page.getByRole('heading', { name: w.reason }).waitFor()
    const id = listed.customers[0].customer_id
    const detail = await api(`/customers/${id}`)
    const reason = lang === 'zh' ? detail.customer.reason_zh : detail.customer.reason_en
    expect(await page.locator('p.reason').textContent()).toBe(reason)
    // the orders timeline: drawn, with the count of all the customer's orders the API gives
    await page.getByRole('heading', { name: w.orders, exact: true }).waitFor()
    await page.locator('[data-chart=orders][data-ready]').waitFor({ timeout: 30_000 })
    const orders = await api(`/customers/${id}/orders?pageSize=200`)
    expect(orders.total).toBeGreaterThan(0)
    await expect(page.locator('[data-figure=orders]').textContent()).resolves.toContain(
      count(orders.total),
    )
    const rows = page.locator('table.orders tbody tr')
    expect(await rows.count()).toBe(Math.min(10, orders.total))
    expect(await rows.locator('td:nth-child(2)').allTextContents()).toEqual(
      orders.orders.slice(0, 10).map((o: Json) => o.orderId ?? '–'),
    )
    expect(await overflow()).toBe(0)
    await shot('customer')
  })

  it('edits a policy: the preview follows, a bad line is pointed at, and Save stores it', async () => {
    await nav(w.policies).click()
    await page.getByRole('link', { name: 'b2b4', exact: true }).click()
    await page.getByText(w.previewReady).waitFor({ timeout: 30_000 })
    const premium = page.locator('.preview-tiers tr[data-tier=premium] [data-share=customers]')
    const latest = (await api('/tiers')).tiers[0] as Json
    expect(await premium.textContent()).toBe(share(latest.customerShare))
    expect(await page.locator('.matrix td.stay').allTextContents()).toEqual(
      (await api('/tiers')).tiers.map((x: Json) => count(x.customers)),
    )
    await shot('policy')

    const rule = page.getByLabel(w.ruleOf('premium'))
    await rule.fill('contribution_pct >= 0.95 and (clv_pct >= 0.5 or score >= 50)')
    const text = page.getByLabel(w.policyText)
    await expect.poll(() => text.inputValue()).toContain('contribution_pct >= 0.95')
    await page.getByText(w.previewReady).waitFor({ timeout: 30_000 })
    const edited = await text.inputValue()
    const preview = await apiPost('/policies/preview', { policy: edited })
    const after = preview.to.tiers.find((x: Json) => x.id === 'premium')
    expect(after.customerShare).toBeLessThan(latest.customerShare)
    await expect.poll(() => premium.textContent()).toBe(share(after.customerShare))
    await expect(page.locator('[data-preview=summary]').textContent()).resolves.toContain(
      count(preview.changed),
    )
    await shot('policy-edited')

    const defaultLine = edited.split('\n').findIndex((l) => l.startsWith('default:')) + 1
    await text.fill(edited.replace('default: marginal', 'default: nowhere'))
    const issue = page.locator(`.issue-list li[data-line="${defaultLine}"]`)
    await issue.waitFor({ timeout: 30_000 })
    await expect(issue.textContent()).resolves.toContain('default')
    await expect(issue.textContent()).resolves.toContain(w.lineNo(defaultLine))
    await issue.getByRole('button').click()
    await shot('policy-invalid')
    await text.fill(edited)
    await page.getByText(w.previewReady).waitFor({ timeout: 30_000 })
    expect(await page.locator('.issue-list').count()).toBe(0)

    await page.getByLabel(w.saveAs).fill('b2b4-strict')
    await page.getByRole('button', { name: w.save, exact: true }).click()
    await page.getByText(w.savedAs('b2b4-strict')).waitFor()
    const saved = await api('/policies/b2b4-strict')
    expect(saved.text).toBe(edited)
    expect(saved.updatedBy).toBe('ann')
    await page.getByRole('link', { name: 'b2b4-strict', exact: true }).waitFor()
    await shot('policy-saved')
  })

  it('runs a second analysis at another date and compares the two snapshots', async () => {
    await nav(w.runAnalysis).click()
    await page.getByLabel(w.policy).selectOption('b2b4')
    await page.getByLabel(w.asOf).fill('2025-07-01')
    await page.getByRole('button', { name: w.run, exact: true }).click()
    await page.getByRole('heading', { name: w.snapshotHeading(2) }).waitFor({ timeout: 60_000 })
    await nav(w.snapshots).click()
    const listed = await api('/snapshots')
    expect(listed.map((s: Json) => s.asOf)).toEqual(['2025-07-01', '2026-01-01'])
    await expect.poll(() => page.locator('table.snapshots tbody tr').count()).toBe(2)
    await page.getByLabel(w.fromSnapshot).selectOption('2')
    await page.getByLabel(w.toSnapshot).selectOption('1')
    await page.getByRole('button', { name: w.compare }).focus()
    await page.keyboard.press('Enter')
    await page.locator('[data-chart=migration][data-ready]').waitFor({ timeout: 30_000 })
    const c = await api(`/compare?from=2&to=1&lang=${lang}`)
    expect(await page.locator('.matrix [data-total=all]').textContent()).toBe(count(c.customers))
    for (const [from, row] of Object.entries(c.matrix as Record<string, Record<string, number>>))
      for (const [to, n] of Object.entries(row))
        expect(
          await page.locator(`.matrix td[data-from="${from}"][data-to="${to}"]`).textContent(),
        ).toBe(count(n))
    expect(c.stayed + c.up + c.down).toBe(c.customers)
    await expect(page.locator('[data-compare=summary]').textContent()).resolves.toContain(
      count(c.stayed),
    )
    await page.waitForTimeout(300)
    expect(await overflow()).toBe(0)
    await shot('compare')
  })

  it('downloads the analysis table and a CRM file', async () => {
    await nav(w.exports).click()
    const latest = await api('/tiers')
    const customers = (latest.tiers as Json[]).reduce((s, x) => s + x.customers, 0)
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: w.downloadCsv }).click(),
    ])
    expect(csv.suggestedFilename()).toBe('clientele-analysis.csv')
    const table = readFileSync(await csv.path(), 'utf8')
    expect(table.replace(/^\uFEFF/, '').split('\n')[0]).toMatch(/^customer_id,name,tier,tier_name,/)
    expect(table.trimEnd().split('\n').length).toBe(customers + 1)
    await page.getByLabel(w.crmObject).selectOption('contact')
    const [crm] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: w.downloadSalesforce }).click(),
    ])
    expect(crm.suggestedFilename()).toBe('clientele-crm-salesforce.csv')
    const tags = readFileSync(await crm.path(), 'utf8').replace(/^\uFEFF/, '')
    expect(tags.split('\n')[0]).toMatch(/^Clientele_Customer_Id__c,/)
    expect(tags.trimEnd().split('\n').length).toBeGreaterThan(1)
    await shot('exports')
  })

  it('marks an action done with a note; an account manager sees only their own', async () => {
    await nav(w.actions).click()
    await page.getByRole('link', { name: w.byOwner }).click()
    await page.getByLabel(w.owner).selectOption(MANAGER)
    const open = await api(`/actions?owner=${encodeURIComponent(MANAGER)}&state=open`)
    const first = open.actions[0] as Json
    await page.locator(`tr[data-action="${first.id}"]`).waitFor()
    await page.getByRole('button', { name: w.markDoneOf(first.id) }).click()
    await page.getByLabel(w.doneNote(first.id)).fill('回访完成 / called back')
    await shot('action-closing')
    await page.getByRole('button', { name: w.confirmDone, exact: true }).click()
    await page.locator(`tr[data-action="${first.id}"]`).waitFor({ state: 'detached' })
    const done = await api(`/actions?owner=${encodeURIComponent(MANAGER)}&state=done`)
    expect(done.actions.map((a: Json) => [a.id, a.note])).toEqual([
      [first.id, '回访完成 / called back'],
    ])
    await page.getByLabel(w.state).selectOption('done')
    await expect
      .poll(() => page.locator(`tr[data-action="${first.id}"] td[data-state=done]`).textContent())
      .toContain('回访完成 / called back')

    const manager = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    try {
      const mp = await manager.newPage()
      mp.on('pageerror', (e) => errors.push(e.message))
      await mp.goto(`${server.url}/`)
      if (lang === 'en') await mp.getByRole('button', { name: 'English' }).click()
      await mp.getByLabel(w.username).fill(MANAGER)
      await mp.getByLabel(w.password).fill(PASSWORD)
      await mp.getByRole('button', { name: w.signIn }).click()
      await mp.locator('[data-figure=customers]').waitFor()
      // the overview's charts are store-wide for every role, as the tiers are
      await mp.locator('[data-chart=value-map][data-ready]').waitFor({ timeout: 30_000 })
      const theirs = (await (await mp.request.get(`${server.url}/api/overview`)).json()) as Json
      const all = await api('/overview')
      expect(theirs).toEqual(all)
      expect(await mp.locator('table.quadrants tbody td:nth-child(2)').allTextContents()).toEqual(
        all.valueMap.quadrants.map((q: Json) => count(q.customers)),
      )
      const links = mp.getByRole('navigation', { name: w.title }).getByRole('link')
      expect(await links.allTextContents()).not.toContain(w.importData)
      await mp.goto(`${server.url}/#/actions?view=owner`)
      const mine = (await (
        await mp.request.get(`${server.url}/api/actions?state=open`)
      ).json()) as Json
      expect(mine.actions.length).toBeGreaterThan(0)
      expect(new Set(mine.actions.map((a: Json) => a.owner))).toEqual(new Set([MANAGER]))
      await mp
        .getByRole('status')
        .filter({ hasText: count(mine.actions.length) })
        .waitFor()
      const owners = await mp.locator('table.actions tbody tr td:nth-child(4)').allTextContents()
      expect(new Set(owners)).toEqual(new Set([MANAGER]))
      await mp.screenshot({
        path: join(ARTIFACTS, `walkthrough-${lang}-${String(++step).padStart(2, '0')}-manager.png`),
        fullPage: true,
      })
    } finally {
      await manager.close()
    }
  })

  it('fits a tablet (768×1024): no horizontal overflow and the navigation within reach', async () => {
    await page.setViewportSize({ width: 768, height: 1024 })
    for (const route of ROUTES) {
      await page.goto(`${server.url}/#/${route}`)
      await page.locator('main h1').first().waitFor()
      await page.waitForTimeout(400)
      expect(await overflow(), route).toBe(0)
      const links = await navLinks().all()
      expect(links.length, route).toBe(8)
      for (const link of links) {
        const box = await link.boundingBox()
        expect(box, route).not.toBeNull()
        expect(box!.x + box!.width, route).toBeLessThanOrEqual(768)
      }
    }
    await page.goto(`${server.url}/#/overview`)
    for (const chart of ['value-map', 'lifecycle'])
      await page.locator(`[data-chart=${chart}][data-ready]`).waitFor({ timeout: 30_000 })
    expect(await overflow(), 'overview with its charts').toBe(0)
    await shot('tablet-overview')
    const [first] = (await api('/customers?sort=monetary&order=desc&pageSize=1'))
      .customers as Json[]
    await page.goto(`${server.url}/#/customers/${encodeURIComponent(first.customer_id)}`)
    await page.locator('[data-chart=orders][data-ready]').waitFor({ timeout: 30_000 })
    expect(await overflow(), 'customer with orders').toBe(0)
    await shot('tablet-customer')
    await page.goto(`${server.url}/#/snapshots?from=2&to=1`)
    await page.locator('[data-chart=migration][data-ready]').waitFor({ timeout: 30_000 })
    await shot('tablet-compare')
    await page.goto(`${server.url}/#/policies?name=b2b4-strict`)
    await page.getByText(w.previewReady).waitFor({ timeout: 30_000 })
    await shot('tablet-policy')
  })

  it('had no page errors, CSP violations or requests off the server', async () => {
    expect(errors).toEqual([])
    expect(outside).toEqual([])
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).violations)).toEqual([])
  })
}

function tooLarge(): void {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-walkthrough-413-'))
  let server: RunningServer
  afterAll(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('says a file is too large when the server answers 413', async () => {
    server = await serveFreshStore(dir, 256 * 1024)
    const w = WORDS.zh
    const context = await openContext(server, [])
    try {
      const page = await context.newPage()
      await page.goto(`${server.url}/`)
      await page.getByLabel(w.username).fill('ann')
      await page.getByLabel(w.password).fill(PASSWORD)
      await page.getByRole('button', { name: w.signIn }).click()
      await page.getByText(w.noAnalysis).waitFor()
      await page.goto(`${server.url}/#/import`)
      await page.getByLabel(w.chooseFiles).setInputFiles(join(EXAMPLES, 'orders.csv'))
      await page.getByRole('button', { name: w.upload }).click()
      const alert = page.getByRole('alert').filter({ hasText: w.tooLarge })
      await alert.waitFor()
      await page.screenshot({ path: join(ARTIFACTS, 'walkthrough-413-too-large.png') })
    } finally {
      await context.close()
    }
  })
}

describe('the dashboard walk-through in Chromium', () => {
  if (!existsSync(CHROMIUM))
    it('has Chromium to open the dashboard in', () => {
      throw new Error(
        `Chromium is missing at ${CHROMIUM}: the dashboard's walk-through cannot run (install Debian's chromium package, as .ci/run does)`,
      )
    })
  else {
    for (const lang of ['zh', 'en'] as const) describe(`in ${lang}`, () => walkthrough(lang))
    describe('an upload over the limit', tooLarge)
  }
})
