/**
 * A streaming reader of Excel workbooks (.xlsx) for import: sheet names in tab order, then
 * one sheet's rows as text, a chunk of the sheet's XML at a time. Dates are told from
 * numbers by the cell's number format, as Excel does; shared strings, inline strings,
 * formula results and booleans come out as the text Excel shows.
 *
 * The parts are found through the ZIP directory (zip-archive.ts), so the order in which a
 * writer stored them does not matter.
 */
import { open } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { SaxesParser } from 'saxes'
import { ZipArchive, ZipError } from './zip-archive.js'

export interface XlsxSheet {
  readonly name: string
  readonly hidden: boolean
  /** The worksheet's part in the archive, e.g. `xl/worksheets/sheet1.xml`. */
  readonly part: string
}

export interface XlsxRow {
  /** The row number Excel shows. */
  readonly number: number
  /** Cell text from column A on; empty cells are ''. */
  readonly cells: string[]
}

/** Excel's column limit (XFD). */
const MAX_COLUMNS = 16_384

interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void
  text?(text: string): void
  close?(name: string): void
}

/** Element names without their namespace prefix: some writers use `x:row`. */
function local(name: string): string {
  const i = name.indexOf(':')
  return i < 0 ? name : name.slice(i + 1)
}

/**
 * Feeds the part to the handlers a chunk at a time; after each chunk, yields what `drain`
 * returns unless it is undefined (the rows the chunk completed).
 */
async function* feed<T>(
  stream: Readable,
  h: XmlHandlers,
  drain: () => T | undefined = () => undefined,
): AsyncGenerator<T> {
  const parser = new SaxesParser({ position: false })
  if (h.open) {
    const open = h.open
    parser.on('opentag', (tag) => open(local(tag.name), tag.attributes as Record<string, string>))
  }
  if (h.text) {
    parser.on('text', h.text)
    parser.on('cdata', h.text)
  }
  if (h.close) {
    const close = h.close
    parser.on('closetag', (tag) => close(local(tag.name)))
  }
  stream.setEncoding('utf8')
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string)
      const out = drain()
      if (out !== undefined) yield out
    }
    parser.close()
  } finally {
    stream.destroy()
  }
}

async function parseAll(stream: Readable, h: XmlHandlers): Promise<void> {
  // Without a drain nothing is yielded: the first step runs the whole part.
  await feed(stream, h).next()
}

/** Excel writes characters XML cannot hold as `_xHHHH_`. */
function unescape(s: string): string {
  return s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : s
}

/** The value of `r:id`, whatever prefix the relationships namespace has. */
function relId(attributes: Record<string, string>): string | undefined {
  for (const [k, v] of Object.entries(attributes)) if (k.endsWith(':id')) return v
  return undefined
}

/** Built-in number formats that show dates or times (including the zh-CN ones). */
function builtInDate(id: number): boolean {
  return (
    (id >= 14 && id <= 22) ||
    (id >= 27 && id <= 36) ||
    (id >= 45 && id <= 47) ||
    (id >= 50 && id <= 58)
  )
}

/** Whether a custom format code shows a date or time: y, m, d, h or s outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*]/g, '')
    .replace(/[\\_*]./g, '')
  return /[ymdhs]/i.test(bare.split(';')[0] ?? '')
}

/** Text of an Excel serial date, as the import's date parser reads it. */
function serialText(serial: number, date1904: boolean): string {
  const seconds = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400)
  const d = new Date(seconds * 1000)
  if (!Number.isFinite(d.getTime())) return String(serial)
  const iso = d.toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ')
}

/** Column index (A = 0) of a cell reference such as `AB12`, or -1 when it has no letters. */
function columnOf(ref: string): number {
  let n = 0
  let i = 0
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20
    if (c < 97 || c > 122) break
    n = n * 26 + (c - 96)
  }
  return i === 0 ? -1 : n - 1
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1)
  const parts = base.split('/').slice(0, -1)
  for (const p of target.split('/')) {
    if (p === '..') parts.pop()
    else if (p !== '.' && p !== '') parts.push(p)
  }
  return parts.join('/')
}

function relsOf(part: string): string {
  const i = part.lastIndexOf('/')
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`
}

/** Whether the file starts as an OLE compound file: legacy .xls and encrypted .xlsx do. */
async function compoundFile(path: string): Promise<boolean> {
  const fh = await open(path, 'r')
  try {
    const head = Buffer.alloc(8)
    await fh.read(head, 0, 8, 0)
    return head.toString('hex') === 'd0cf11e0a1b11ae1'
  } finally {
    await fh.close()
  }
}

export class XlsxWorkbook {
  private constructor(
    private readonly zip: ZipArchive,
    readonly sheets: readonly XlsxSheet[],
    private readonly date1904: boolean,
    private readonly sharedStrings: readonly string[],
    private readonly dateStyles: readonly boolean[],
  ) {}

  static async open(path: string): Promise<XlsxWorkbook> {
    let zip: ZipArchive
    try {
      zip = await ZipArchive.open(path)
    } catch (e) {
      if (e instanceof ZipError && (await compoundFile(path))) {
        throw new ZipError(
          'an OLE compound file, not a ZIP: an old .xls workbook or a password-protected one; save it in Excel as .xlsx without a password',
        )
      }
      throw e
    }
    try {
      const text = async (part: string, h: XmlHandlers): Promise<boolean> => {
        const entry = zip.find(part)
        if (!entry) return false
        await parseAll(await zip.stream(entry), h)
        return true
      }
      const relationships = async (part: string) => {
        const rels = new Map<string, { type: string; target: string }>()
        await text(relsOf(part), {
          open(name, a) {
            if (name === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External') {
              rels.set(a.Id, { type: a.Type ?? '', target: resolve(part, a.Target) })
            }
          },
        })
        return rels
      }

      const root = await relationships('')
      const book =
        [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ??
        'xl/workbook.xml'
      const listed: { name: string; hidden: boolean; id: string | undefined }[] = []
      let date1904 = false
      const found = await text(book, {
        open(name, a) {
          if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true'
          else if (name === 'sheet' && a.name !== undefined) {
            listed.push({
              name: a.name,
              hidden: (a.state ?? 'visible') !== 'visible',
              id: relId(a),
            })
          }
        },
      })
      if (!found) throw new ZipError(`the archive has no workbook part (${book})`)

      const rels = await relationships(book)
      const sheets: XlsxSheet[] = []
      for (const s of listed) {
        const rel = s.id === undefined ? undefined : rels.get(s.id)
        if (rel?.type.endsWith('/worksheet'))
          sheets.push({ name: s.name, hidden: s.hidden, part: rel.target })
      }
      const byType = (suffix: string) =>
        [...rels.values()].find((r) => r.type.endsWith(suffix))?.target

      const sharedStrings: string[] = []
      const sst = byType('/sharedStrings')
      if (sst !== undefined) {
        let inItem = false
        let inPhonetic = false
        let capture = false
        let current = ''
        await text(sst, {
          open(name) {
            if (name === 'si') {
              inItem = true
              current = ''
            } else if (name === 'rPh') inPhonetic = true
            else if (name === 't') capture = inItem && !inPhonetic
          },
          text(t) {
            if (capture) current += t
          },
          close(name) {
            if (name === 't') capture = false
            else if (name === 'rPh') inPhonetic = false
            else if (name === 'si') {
              sharedStrings.push(unescape(current))
              inItem = false
            }
          },
        })
      }

      const dateStyles: boolean[] = []
      const styles = byType('/styles')
      if (styles !== undefined) {
        const formats = new Map<number, string>()
        const xfs: number[] = []
        let inCellXfs = false
        await text(styles, {
          open(name, a) {
            if (name === 'numFmt' && a.numFmtId !== undefined) {
              formats.set(Number(a.numFmtId), a.formatCode ?? '')
            } else if (name === 'cellXfs') inCellXfs = true
            else if (name === 'xf' && inCellXfs) xfs.push(Number(a.numFmtId ?? 0))
          },
          close(name) {
            if (name === 'cellXfs') inCellXfs = false
          },
        })
        for (const id of xfs) {
          const code = formats.get(id)
          dateStyles.push(code === undefined ? builtInDate(id) : isDateFormat(code))
        }
      }
      return new XlsxWorkbook(zip, sheets, date1904, sharedStrings, dateStyles)
    } catch (e) {
      await zip.close()
      throw e
    }
  }

  /** The sheet's rows that have at least one cell, in batches as the XML is read. */
  async *rows(sheet: XlsxSheet): AsyncGenerator<XlsxRow[]> {
    const entry = this.zip.find(sheet.part)
    if (!entry) throw new ZipError(`sheet "${sheet.name}" has no part ${sheet.part}`)
    const { sharedStrings, dateStyles, date1904 } = this
    let batch: XlsxRow[] = []
    let lastRow = 0
    let cells: string[] | undefined
    let rowNumber = 0
    let column = 0
    let type = 'n'
    let style = 0
    let value = ''
    let inline = ''
    let capture: 'v' | 't' | undefined
    let inInline = false
    let inPhonetic = false
    const cellText = (): string => {
      switch (type) {
        case 's':
          return sharedStrings[Number(value)] ?? ''
        case 'inlineStr':
          return unescape(inline || value)
        case 'str':
          return unescape(value)
        case 'b':
          return value === '' ? '' : Number(value) !== 0 ? 'true' : 'false'
        case 'e':
          return ''
        case 'd':
          return value.replace('T', ' ').replace(/ 00:00:00(\.0+)?Z?$/, '')
        default: {
          if (value === '') return ''
          const n = Number(value)
          if (!Number.isFinite(n)) return value
          return dateStyles[style] ? serialText(n, date1904) : String(n)
        }
      }
    }
    const drain = () => {
      if (batch.length === 0) return undefined
      const out = batch
      batch = []
      return out
    }
    yield* feed(
      await this.zip.stream(entry),
      {
        open(name, a) {
          if (name === 'row') {
            rowNumber = a.r === undefined ? lastRow + 1 : Number(a.r)
            cells = []
          } else if (cells === undefined) return
          else if (name === 'c') {
            const at = a.r === undefined ? -1 : columnOf(a.r)
            column = at < 0 ? cells.length : at
            if (column >= MAX_COLUMNS) {
              throw new ZipError(
                `cell ${a.r} of row ${rowNumber} is beyond Excel's last column XFD`,
              )
            }
            type = a.t ?? 'n'
            style = a.s === undefined ? 0 : Number(a.s)
            value = ''
            inline = ''
          } else if (name === 'v') capture = 'v'
          else if (name === 'is') inInline = true
          else if (name === 'rPh') inPhonetic = true
          else if (name === 't' && inInline && !inPhonetic) capture = 't'
        },
        text(t) {
          if (capture === 'v') value += t
          else if (capture === 't') inline += t
        },
        close(name) {
          if (name === 'v' || name === 't') capture = undefined
          else if (name === 'is') inInline = false
          else if (name === 'rPh') inPhonetic = false
          else if (name === 'c' && cells !== undefined) {
            while (cells.length < column) cells.push('')
            cells[column] = cellText()
          } else if (name === 'row' && cells !== undefined) {
            if (cells.length > 0) batch.push({ number: rowNumber, cells })
            lastRow = rowNumber
            cells = undefined
          }
        },
      },
      drain,
    )
  }

  close(): Promise<void> {
    return this.zip.close()
  }
}
