// The HTML report opened in real headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), in both languages, on a generated data set analysed once: every chart drew,
// no text leaves its box on screen or on A4 paper, and the page asks for nothing outside the file.
// Full-page screenshots are kept in test/artifacts/ (git-ignored) for a person to look at.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, cli } from './support/cli.js'

const CHROMIUM = '/usr/bin/chromium'
const ARTIFACTS = join(ROOT, 'test', 'artifacts')
const CHARTS = [
  'tierDistribution',
  'pareto',
  'valueMap',
  'rfm',
  'lifecycle',
  'profile',
  'channels',
  'productMix',
  'btydFit',
]
/** Elements whose text must fit their box. */
const TEXT_BOXES = 'h1, h2, h3, h4, p, li, th, td, dt, dd, figcaption, .card, .note, nav a'

const dir = mkdtempSync(join(tmpdir(), 'clientele-report-'))
const store = join(dir, 'shop.duckdb')
const reports = { zh: join(dir, 'out', 'report.html'), en: join(dir, 'out', 'report-en.html') }

beforeAll(() => {
  const data = join(dir, 'data')
  const run = (args: string[]) => {
    const r = cli(args)
    if (r.status !== 0) throw new Error(`clientele ${args.join(' ')} failed:\n${r.stderr}`)
  }
  run(['generate', '--customers', '300', '--seed', '7', '--out', data])
  const files = ['customers', 'orders', 'interactions', 'feedback', 'surveys', 'campaigns']
  run([
    'analyze',
    ...files.map((f) => join(data, `${f}.csv`)),
    ...['--store', store, '--policy', 'b2b4', '--formats', 'html', '--out', join(dir, 'out')],
  ])
  run(['report', '--store', store, '--lang', 'en', '--out', reports.en])
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('clientele report', () => {
  it('re-renders the latest analysis in the other language', () => {
    const zh = readFileSync(reports.zh, 'utf8')
    const en = readFileSync(reports.en, 'utf8')
    expect(zh).toContain('<h1>客户分级管理分析</h1>')
    expect(en).toContain('<h1>Customer tiering analysis</h1>')
    expect(en).toContain('B2B four tiers')
  })

  it('says what to do when the store has no analysis yet', () => {
    const empty = join(dir, 'empty.duckdb')
    const r = cli(['report', '--store', empty, '--out', join(dir, 'none.html')])
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(
      `clientele: the store ${empty} has no analysis to report on: run clientele analyze first\n`,
    )
    expect(existsSync(join(dir, 'none.html'))).toBe(false)
  })
})

// The page-side functions run in Chromium, but the project compiles without the DOM library:
// these are the few DOM shapes they use.
interface DomElement {
  readonly tagName: string
  readonly textContent: string | null
  readonly scrollWidth: number
  readonly clientWidth: number
  readonly offsetParent: unknown
  getAttribute(name: string): string | null
  querySelector(selector: string): DomElement | null
  querySelectorAll(selector: string): Iterable<DomElement> & { length: number }
  getBoundingClientRect(): { width: number; height: number }
}
interface PageGlobals {
  readonly document: DomElement & {
    readonly documentElement: DomElement
    addEventListener(type: string, listener: (e: { blockedURI: string }) => void): void
  }
  violations: string[]
}

interface PageCheck {
  readonly charts: Record<string, { width: number; height: number; marks: number; text: string }>
  /** Text boxes looked at, and those whose text is wider than the box. */
  readonly boxes: number
  readonly overflowing: string[]
  readonly pageOverflow: number
}

/** What the page drew: each figure's SVG size and content, and the text boxes that overflow. */
function inspect(page: Page): Promise<PageCheck> {
  return page.evaluate((selector) => {
    const { document } = globalThis as unknown as PageGlobals
    const charts: PageCheck['charts'] = {}
    for (const fig of document.querySelectorAll('figure[data-chart]')) {
      const svg = fig.querySelector('svg')
      const box = svg?.getBoundingClientRect()
      charts[fig.getAttribute('data-chart') ?? '?'] = {
        width: box?.width ?? 0,
        height: box?.height ?? 0,
        marks: svg?.querySelectorAll('path, rect, text').length ?? 0,
        text: svg?.textContent?.trim() ?? '',
      }
    }
    const boxes = [...document.querySelectorAll(selector)]
    const overflowing = boxes
      .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}: ${el.textContent?.slice(0, 60)}`)
    const root = document.documentElement
    return {
      charts,
      boxes: boxes.length,
      overflowing,
      pageOverflow: root.scrollWidth - root.clientWidth,
    }
  }, TEXT_BOXES)
}

function browserSuite(): void {
  let browser: Browser
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    mkdirSync(ARTIFACTS, { recursive: true })
  })
  afterAll(() => browser?.close())

  for (const lang of ['zh', 'en'] as const) {
    it(`${lang}: every chart draws, no text overflows, nothing is fetched`, async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } })
      const url = pathToFileURL(reports[lang]).href
      const requests: string[] = []
      await context.route('**/*', (route) => {
        if (route.request().url() === url) return route.continue()
        requests.push(route.request().url())
        return route.abort()
      })
      await context.addInitScript(() => {
        const w = globalThis as unknown as PageGlobals
        w.violations = []
        w.document.addEventListener('securitypolicyviolation', (e) =>
          w.violations.push(e.blockedURI),
        )
      })
      const page = await context.newPage()
      await page.goto(url, { waitUntil: 'load' })

      const screen = await inspect(page)
      expect(Object.keys(screen.charts).sort()).toEqual([...CHARTS].sort())
      for (const [name, c] of Object.entries(screen.charts)) {
        expect(c.width, name).toBeGreaterThan(300)
        expect(c.height, name).toBeGreaterThan(200)
        expect(c.marks, name).toBeGreaterThan(20)
        expect(c.text.length, name).toBeGreaterThan(10)
      }
      expect(screen.boxes).toBeGreaterThan(200)
      expect(screen.overflowing).toEqual([])
      expect(screen.pageOverflow).toBe(0)
      await page.screenshot({ path: join(ARTIFACTS, `report-${lang}.png`), fullPage: true })

      // A4 portrait at 96 dpi less the print margins: what the printed page has to fit in.
      await page.setViewportSize({ width: 718, height: 1000 })
      await page.emulateMedia({ media: 'print' })
      const paper = await inspect(page)
      expect(paper.overflowing).toEqual([])
      expect(paper.pageOverflow).toBe(0)
      expect(await page.locator('nav.contents').isVisible()).toBe(false)
      await page.screenshot({ path: join(ARTIFACTS, `report-${lang}-print.png`), fullPage: true })

      expect(requests).toEqual([])
      const violations = await page.evaluate(
        () => (globalThis as unknown as PageGlobals).violations,
      )
      expect(violations).toEqual([])
      await context.close()
    })
  }
}

describe('report.html in Chromium', () => {
  if (existsSync(CHROMIUM)) browserSuite()
  else
    it('has Chromium to open the report in', () => {
      throw new Error(
        `Chromium is missing at ${CHROMIUM}: the report's browser test cannot run (install Debian's chromium package, as .ci/run does)`,
      )
    })
})
