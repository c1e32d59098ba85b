// The web dashboard in real headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), as a new user meets it: the server on a loopback port over a small
// analysed store, sign in, the overview (with its value map and lifecycle stages), the customer
// list (search, sort, page 2), one customer's reason and orders, then English, remembered across
// a reload; then a second tab of a session.
// Screenshots go to test/artifacts/ (git-ignored) for a person to look at.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyze, generate, importData } from '../src/app/index.js'
import { openEngine } from '../src/engine/index.js'
import { addUser, startServer, type RunningServer } from '../src/server/index.js'
import { ROOT } from './support/cli.js'

const CHROMIUM = '/usr/bin/chromium'
const ARTIFACTS = join(ROOT, 'test', 'artifacts')
const PASSWORD = 'correct horse battery'

// The page-side code runs in Chromium; the project compiles without the DOM library.
interface PageGlobals {
  readonly document: {
    readonly documentElement: { scrollWidth: number; clientWidth: number; lang: string }
    addEventListener(type: string, listener: (e: { blockedURI: string }) => void): void
  }
  violations: string[]
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

function dashboardSuite(): void {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-dashboard-'))
  const store = join(dir, 'store.duckdb')
  let server: RunningServer
  let browser: Browser

  beforeAll(async () => {
    const built = spawnSync(
      process.execPath,
      [join(ROOT, 'scripts', 'build-web.mjs'), '--if-stale'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    )
    if (built.status !== 0) throw new Error(`building the dashboard failed:\n${built.stderr}`)
    expect(existsSync(join(ROOT, 'dist', 'web', 'index.html'))).toBe(true)

    const g = await generate({
      customers: 150,
      seed: 11,
      outDir: join(dir, 'data'),
      lang: 'en',
      start: '2023-01-01',
      end: '2024-06-30',
    })
    const files = g.files.filter((f) => f.table !== 'truth').map((f) => f.path)
    expect((await importData({ store, files })).ok).toBe(true)
    await analyze({ store, formats: [] })
    const e = await openEngine(store)
    try {
      await addUser(e, 'ann', 'analyst', PASSWORD)
    } finally {
      await e.close()
    }
    server = await startServer({ store, port: 0, host: '127.0.0.1' })
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync'],
    })
    mkdirSync(ARTIFACTS, { recursive: true })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true })
  const overflow = (page: Page) =>
    page.evaluate(() => {
      const root = (globalThis as unknown as PageGlobals).document.documentElement
      return root.scrollWidth - root.clientWidth
    })

  it('serves only built files at /, with a CSP that allows the page’s own script and style', async () => {
    const index = await fetch(`${server.url}/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toContain('text/html')
    const csp = index.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("style-src 'self'")
    const api = await fetch(`${server.url}/api/health`)
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(api.headers.get('content-security-policy')).not.toContain('script-src')
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
    ])
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404)
  })

  it('signs in, browses tiers and customers, and switches to English', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const outside: string[] = []
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
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))

    // the login page, used with the keyboard
    await page.goto(`${server.url}/`)
    await page.getByRole('heading', { name: '登录' }).waitFor()
    await page.getByLabel('用户名').focus()
    await page.keyboard.type('ann')
    await page.keyboard.press('Tab')
    await page.keyboard.type(PASSWORD)
    await shot(page, '1-login')
    await page.keyboard.press('Enter')

    // the overview: every tier with its counts and shares
    await page.getByRole('heading', { name: '概览' }).waitFor()
    const rows = page.locator('table.tiers tbody tr')
    expect(await rows.count()).toBe(8)
    await expect(page.getByRole('link', { name: '重要价值客户' }).isVisible()).resolves.toBe(true)
    await expect(page.getByRole('link', { name: '一般挽留客户' }).isVisible()).resolves.toBe(true)
    expect(await page.locator('table.tiers svg.bar').count()).toBe(16)
    // the server sends the customer-level curve, so it is not drawn through the tiers
    await page.locator('[data-chart=pareto][data-ready]').waitFor()
    const pareto = page.locator('figure').filter({ has: page.locator('[data-chart=pareto]') })
    expect(await pareto.locator('figcaption').textContent()).toBe('客户价值帕累托曲线')
    expect(await pareto.locator('p.note').count()).toBe(0)
    // the value map and the lifecycle stages as GET /api/overview counts them; this policy has no
    // CLV, so recency stands in, and the map says so
    for (const chart of ['value-map', 'lifecycle'])
      await page.locator(`[data-chart=${chart}][data-ready]`).waitFor({ timeout: 30_000 })
    const overview = (await (await page.request.get(`${server.url}/api/overview`)).json()) as Json
    expect(overview.valueMap.customers).toBe(150)
    expect(await page.locator('table.quadrants tbody td:nth-child(2)').allTextContents()).toEqual(
      overview.valueMap.quadrants.map((q: Json) => String(q.customers)),
    )
    expect(await page.locator('table.stages tbody td:nth-child(2)').allTextContents()).toEqual(
      overview.lifecycle.stages.map((s: Json) => String(s.customers)),
    )
    await page.getByText('分级方案没有 CLV 模型：纵轴为最近购买').waitFor()
    // tooltips over the cells are drawn on the canvas (a CSP violation otherwise, checked below)
    const map = page.locator('[data-chart=value-map]')
    await map.scrollIntoViewIfNeeded()
    const box = (await map.boundingBox())!
    for (let k = 0.1; k < 0.9; k += 0.05)
      await page.mouse.move(box.x + box.width * k, box.y + box.height * (0.9 - k))
    expect(await overflow(page)).toBe(0)
    await shot(page, '2-overview')

    // the customer list: search, sort by ID (with the keyboard), page 2
    await page.getByRole('link', { name: '客户列表' }).click()
    const status = page.getByRole('status')
    await status.filter({ hasText: '共 150 位客户' }).waitFor()
    await page.getByLabel('按编号或名称搜索').fill('C00001')
    await page.getByRole('button', { name: '搜索', exact: true }).click()
    await status.filter({ hasText: '第 1 / 3 页,共 51 位客户' }).waitFor()
    await page.getByRole('button', { name: '按客户编号排序' }).focus()
    await page.keyboard.press('Enter')
    await page.locator('th[aria-sort="ascending"]').waitFor()
    const firstId = page.locator('table.customers tbody tr:first-child td:first-child a')
    await expect.poll(() => firstId.textContent()).toBe('C0000100')
    await page.locator('.pager').getByRole('button', { name: '2', exact: true }).click()
    await status.filter({ hasText: '第 2 / 3 页' }).waitFor()
    await expect.poll(() => firstId.textContent()).toBe('C0000125')
    expect(await page.locator('table.customers tbody tr').count()).toBe(25)
    expect(await overflow(page)).toBe(0)
    await shot(page, '3-customers-page-2')

    // one customer: basis, reason, needs, actions, history
    await page.getByRole('link', { name: 'C0000125' }).click()
    await page.getByRole('heading', { name: '评级原因' }).waitFor()
    for (const h of ['需求分析', '建议行动', '订单记录', '层级历史'])
      await expect(page.getByRole('heading', { name: h }).isVisible()).resolves.toBe(true)
    const reasonZh = (await page.locator('p.reason').textContent()) ?? ''
    expect(reasonZh.length).toBeGreaterThan(3)
    // its orders: a timeline of the newest and a table of the newest ten, with the API's count
    await page.locator('[data-chart=orders][data-ready]').waitFor({ timeout: 30_000 })
    const orders = (await (
      await page.request.get(`${server.url}/api/customers/C0000125/orders?pageSize=200`)
    ).json()) as Json
    const listed = Math.min(10, orders.total)
    expect(await page.locator('[data-figure=orders]').textContent()).toBe(
      `共 ${orders.total} 笔订单,图中为最近 ${orders.orders.length} 笔,表中为最近 ${listed} 笔。`,
    )
    expect(await page.locator('table.orders tbody tr').count()).toBe(listed)
    expect(await overflow(page)).toBe(0)
    await shot(page, '4-customer-zh')

    // English, remembered across a reload
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { name: 'Reason' }).waitFor()
    for (const h of ['Needs', 'Actions', 'Orders', 'Tier history'])
      await expect(page.getByRole('heading', { name: h }).isVisible()).resolves.toBe(true)
    await expect
      .poll(() => page.locator('[data-figure=orders]').textContent())
      .toBe(
        `${orders.total} orders in all; the chart shows the newest ${orders.orders.length}, the table the newest ${listed}.`,
      )
    const reasonEn = (await page.locator('p.reason').textContent()) ?? ''
    expect(reasonEn).not.toBe(reasonZh)
    expect(reasonEn).toMatch(/^[\x20-\x7e]+$/)
    await page.reload()
    await page.getByRole('heading', { name: 'Reason' }).waitFor()
    expect(
      await page.evaluate(
        () => (globalThis as unknown as PageGlobals).document.documentElement.lang,
      ),
    ).toBe('en')
    await shot(page, '5-customer-en')
    await page.getByRole('link', { name: 'Overview' }).click()
    await page.getByRole('link', { name: 'Important value' }).waitFor()
    expect(await overflow(page)).toBe(0)
    await shot(page, '6-overview-en')

    expect(errors).toEqual([])
    expect(outside).toEqual([])
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).violations)).toEqual([])
    await context.close()
  })

  it('lets a second tab of a signed-in session know its user and run an analysis', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    try {
      const first = await context.newPage()
      await first.goto(`${server.url}/`)
      await first.getByLabel('用户名').fill('ann')
      await first.getByLabel('密码').fill(PASSWORD)
      await first.getByRole('button', { name: '登录' }).click()
      await first.getByRole('heading', { name: '概览' }).waitFor()
      // a new tab shares the cookie, not the first tab's sessionStorage with the CSRF token
      const tab = await context.newPage()
      const errors: string[] = []
      tab.on('pageerror', (e) => errors.push(e.message))
      await tab.goto(`${server.url}/#/analyses`)
      await tab.locator('header .user').filter({ hasText: 'ann' }).waitFor()
      await tab.getByLabel('分级策略').selectOption('abc')
      const answer = tab.waitForResponse((r) => r.url().endsWith('/api/analyses'))
      await tab.getByRole('button', { name: '运行', exact: true }).click()
      expect((await answer).status()).toBe(201)
      await tab.getByRole('heading', { name: /快照 #2/ }).waitFor({ timeout: 60_000 })
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })
}

describe('the web dashboard in Chromium', () => {
  if (existsSync(CHROMIUM)) dashboardSuite()
  else
    it('has Chromium to open the dashboard in', () => {
      throw new Error(
        `Chromium is missing at ${CHROMIUM}: the dashboard's browser test cannot run (install Debian's chromium package, as .ci/run does)`,
      )
    })
})
