/**
 * A streaming .xlsx (SpreadsheetML) writer: sheets are written one after another, each row
 * encoded as XML into a buffer that goes to the ZIP writer when full, so memory holds a few
 * buffers of rows whatever the size of the sheet. It knows what Clientele's workbooks use —
 * inline strings, numbers, dates, booleans; cell styles (number format, bold, font size,
 * fill, wrap, vertical alignment); column widths, row heights, frozen rows and columns, an
 * autofilter, list validations and hidden sheets — and nothing else. Dates are written as
 * serial numbers of the 1900 date system, as Excel keeps them; strings are escaped for XML
 * and for Excel's own `_xHHHH_` escapes, and characters XML cannot hold are written in those
 * escapes.
 */
import { ZipWriter, type ZipEntryWriter } from './zip-writer.js'

export type XlsxCell = string | number | boolean | Date | null | undefined

export interface XlsxStyle {
  /** An Excel number format code; General when absent. */
  readonly numFmt?: string | undefined
  readonly bold?: boolean
  /** Font size in points; 11 when absent. */
  readonly size?: number
  /** A solid background colour as ARGB hex, e.g. `FFDCE6F1`. */
  readonly fill?: string
  /** Wraps text within the cell. */
  readonly wrap?: boolean
  readonly vertical?: 'top' | 'center' | 'bottom'
}

/** A drop-down list on a range of cells (data validation). */
export interface XlsxListValidation {
  /** Cells, e.g. `E2:E201`. */
  readonly range: string
  readonly values: readonly string[]
  /** The title and text of the message shown for a value not in the list. */
  readonly errorTitle?: string
  readonly error?: string
}

export interface XlsxColumn {
  /** Width in Excel character units. */
  readonly width?: number
  /** A style from `XlsxWriter.style`, for the column's empty cells. */
  readonly style?: number
}

export interface XlsxSheetOptions {
  readonly columns?: readonly XlsxColumn[]
  /** Rows frozen at the top (the header). */
  readonly frozenRows?: number
  /** Columns frozen at the left. */
  readonly frozenColumns?: number
  /** `veryHidden` sheets are shown by no menu, only by code. */
  readonly state?: 'visible' | 'hidden' | 'veryHidden'
  readonly validations?: readonly XlsxListValidation[]
  /** Puts a filter on the first row over this many columns. */
  readonly autoFilterColumns?: number
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
/** Bytes of row XML gathered before they are handed to the deflate stream. */
const BUFFER_BYTES = 2 ** 20
/** Excel's sheet size. */
export const EXCEL_MAX_ROWS = 1_048_576
export const EXCEL_MAX_COLUMNS = 16_384
/** Excel's serial day number of 1970-01-01 in the 1900 date system. */
const UNIX_EPOCH_SERIAL = 25569
const MS_PER_DAY = 86_400_000

/** Excel column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnLetters(index: number): string {
  let s = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

// Characters XML 1.0 cannot hold, and the `_` of text Excel would read as one of its escapes.
// eslint-disable-next-line no-control-regex
const ESCAPES = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_(?=x[0-9a-fA-F]{4}_)/g
/** The same test without the global flag's state: most text needs no escape at all. */
const NEEDS_ESCAPE = new RegExp(ESCAPES.source)

function escapeChar(ch: string): string {
  switch (ch) {
    case '&':
      return '&amp;'
    case '<':
      return '&lt;'
    case '>':
      return '&gt;'
    case '"':
      return '&quot;'
    case '_':
      return '_x005F_'
    default:
      return `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`
  }
}

/** Text as XML character data or attribute value, with Excel's escapes where needed. */
export function escapeXml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPES, escapeChar) : text
}

/** Text in markup that Excel does not read for `_xHHHH_` escapes (names, formulas). */
function escapeMarkup(text: string): string {
  return text.replace(/[&<>"]/g, escapeChar)
}

/** An inline string cell's content, keeping leading and trailing spaces. */
function inlineString(text: string): string {
  const t = escapeXml(text)
  const edge = /^\s|\s$/.test(text)
  return edge ? `<is><t xml:space="preserve">${t}</t></is>` : `<is><t>${t}</t></is>`
}

/** A date as Excel's serial day number (UTC, 1900 date system). */
export function excelSerial(date: Date): number {
  return date.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL
}

/**
 * Writes the rows of one sheet; made by `XlsxWriter.addSheet`. Each row's XML is encoded
 * into a buffer at once, so no row text outlives its row (young strings are cheap for the
 * garbage collector, strings kept until a later join are not); full buffers wait in
 * `pending` for `flush`, and buffers of the usual size come back to `pool` once zlib has
 * read them.
 */
export class XlsxSheetWriter {
  private rowNumber = 0
  private buffer: Buffer
  private used = 0
  /** Filled buffers with the bytes used in each. */
  private pending: [Buffer, number][] = []
  private readonly pool: Buffer[] = []
  private readonly refs: string[] = []

  constructor(
    private readonly entry: ZipEntryWriter,
    private readonly tail: string,
  ) {
    this.buffer = Buffer.allocUnsafe(BUFFER_BYTES)
  }

  /** Rows written so far. */
  get rows(): number {
    return this.rowNumber
  }

  /** Moves the buffer being filled to `pending` and starts one of `size` bytes. */
  private retire(size = BUFFER_BYTES): void {
    if (this.used > 0) this.pending.push([this.buffer, this.used])
    this.buffer =
      size === BUFFER_BYTES
        ? (this.pool.pop() ?? Buffer.allocUnsafe(size))
        : Buffer.allocUnsafe(size)
    this.used = 0
  }

  private append(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (this.used + text.length * 3 > this.buffer.length)
      this.retire(Math.max(BUFFER_BYTES, text.length * 3))
    this.used += this.buffer.write(text, this.used)
  }

  /**
   * Adds one row; `styles` is one style for every cell or one per cell (undefined: none);
   * `height` in points.
   * Empty cells (null, undefined, NaN, ±Infinity) are left out. Call `flush` now and then
   * (every few thousand rows) so that the rows reach the file.
   */
  row(
    cells: readonly XlsxCell[],
    styles?: number | readonly (number | undefined)[],
    height?: number,
  ): void {
    if (this.rowNumber === EXCEL_MAX_ROWS || cells.length > EXCEL_MAX_COLUMNS)
      throw new RangeError(
        `a sheet holds at most ${EXCEL_MAX_ROWS} rows of ${EXCEL_MAX_COLUMNS} columns (row ${this.rowNumber + 1} has ${cells.length})`,
      )
    const r = ++this.rowNumber
    let xml =
      height === undefined ? `<row r="${r}">` : `<row r="${r}" ht="${height}" customHeight="1">`
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c]
      if (v === null || v === undefined) continue
      const style = typeof styles === 'number' ? styles : styles?.[c]
      const s = style === undefined || style === 0 ? '' : ` s="${style}"`
      const ref = this.refs[c] ?? (this.refs[c] = columnLetters(c))
      switch (typeof v) {
        case 'number':
          if (Number.isFinite(v)) xml += `<c r="${ref}${r}"${s}><v>${v}</v></c>`
          break
        case 'string':
          xml += `<c r="${ref}${r}"${s} t="inlineStr">${inlineString(v)}</c>`
          break
        case 'boolean':
          xml += `<c r="${ref}${r}"${s} t="b"><v>${v ? 1 : 0}</v></c>`
          break
        default: {
          const serial = excelSerial(v)
          if (Number.isFinite(serial)) xml += `<c r="${ref}${r}"${s}><v>${serial}</v></c>`
        }
      }
    }
    this.append(xml + '</row>')
  }

  /** Hands the full buffers to the file (with `force`, the one being filled as well). */
  async flush(force = false): Promise<void> {
    if (force && this.used > 0) this.retire()
    const pending = this.pending
    this.pending = []
    for (const [buffer, used] of pending) {
      await this.entry.write(buffer.subarray(0, used), () => {
        if (buffer.length === BUFFER_BYTES) this.pool.push(buffer)
      })
    }
  }

  /** Ends the sheet. */
  async end(): Promise<void> {
    this.append(this.tail)
    await this.flush(true)
    await this.entry.end()
  }
}

interface SheetRecord {
  readonly name: string
  /** The last column letters of the first row's filter, if it has one. */
  readonly filterTo: string | undefined
  readonly state: 'visible' | 'hidden' | 'veryHidden'
}

/**
 * A workbook written front to back.
 * @example
 * const w = await XlsxWriter.create('out.xlsx')
 * const bold = w.style({ bold: true })
 * const s = await w.addSheet('Sheet1', { frozenRows: 1, autoFilterColumns: 2 })
 * s.row(['name', 'value'], bold)
 * s.row(['a', 1])
 * await s.end()
 * await w.close()
 */
export class XlsxWriter {
  private readonly sheets: SheetRecord[] = []
  private readonly styleKeys = new Map<string, number>([[styleKey({}), 0]])
  private readonly styles: XlsxStyle[] = [{}]

  private constructor(
    private readonly zip: ZipWriter,
    private readonly creator: string,
    private readonly created: Date,
  ) {}

  /**
   * Creates (or truncates) `path`; `created` is the document's and the entries' time (the
   * same data and time give the same bytes); `level` is zlib's compression level.
   */
  static async create(
    path: string,
    options: { creator?: string; created?: Date; level?: number } = {},
  ): Promise<XlsxWriter> {
    const created = options.created ?? new Date()
    const zip = await ZipWriter.create(path, {
      modified: created,
      ...(options.level === undefined ? {} : { level: options.level }),
    })
    return new XlsxWriter(zip, options.creator ?? 'Clientele', created)
  }

  /** The index of a cell style, made on first use; 0 is the default style. */
  style(s: XlsxStyle): number {
    const key = styleKey(s)
    let id = this.styleKeys.get(key)
    if (id === undefined) {
      id = this.styles.length
      this.styles.push(s)
      this.styleKeys.set(key, id)
    }
    return id
  }

  /** Starts a sheet; the previous one must have ended (the ZIP writer refuses otherwise). */
  async addSheet(name: string, options: XlsxSheetOptions = {}): Promise<XlsxSheetWriter> {
    const index = this.sheets.length
    const filterTo =
      options.autoFilterColumns !== undefined && options.autoFilterColumns > 0
        ? columnLetters(options.autoFilterColumns - 1)
        : undefined
    this.sheets.push({ name, filterTo, state: options.state ?? 'visible' })
    const view = sheetView(options.frozenRows ?? 0, options.frozenColumns ?? 0, index === 0)
    const cols = (options.columns ?? [])
      .map((c, i) => {
        if (c.width === undefined && c.style === undefined) return ''
        const width = c.width === undefined ? '' : ` width="${c.width}" customWidth="1"`
        const style = c.style === undefined || c.style === 0 ? '' : ` style="${c.style}"`
        return `<col min="${i + 1}" max="${i + 1}"${width}${style}/>`
      })
      .join('')
    const head =
      XML_HEAD +
      `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
      `<sheetViews>${view}</sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
      (cols === '' ? '' : `<cols>${cols}</cols>`) +
      '<sheetData>'
    const tail =
      '</sheetData>' +
      (filterTo === undefined ? '' : `<autoFilter ref="A1:${filterTo}1"/>`) +
      validationsXml(options.validations ?? []) +
      '</worksheet>'
    const entry = await this.zip.entry(`xl/worksheets/sheet${index + 1}.xml`)
    await entry.write(Buffer.from(head, 'utf8'))
    return new XlsxSheetWriter(entry, tail)
  }

  /** Writes the workbook's parts and closes the file. */
  async close(): Promise<void> {
    const n = this.sheets.length
    const sheetRange = Array.from({ length: n }, (_, i) => i + 1)
    await this.zip.add(
      '[Content_Types].xml',
      XML_HEAD +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheetRange
          .map(
            (i) =>
              `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
        '</Types>',
    )
    await this.zip.add(
      '_rels/.rels',
      XML_HEAD +
        `<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
        `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>` +
        '</Relationships>',
    )
    const when = this.created.toISOString().replace(/\.\d{3}Z$/, 'Z')
    await this.zip.add(
      'docProps/core.xml',
      XML_HEAD +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>${escapeMarkup(this.creator)}</dc:creator>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
        '</cp:coreProperties>',
    )
    await this.zip.add(
      'docProps/app.xml',
      XML_HEAD +
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
        `<Application>${escapeMarkup(this.creator)}</Application></Properties>`,
    )
    await this.zip.add(
      'xl/_rels/workbook.xml.rels',
      XML_HEAD +
        `<Relationships xmlns="${PKG_REL_NS}">` +
        sheetRange
          .map(
            (i) =>
              `<Relationship Id="rId${i}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
        '</Relationships>',
    )
    await this.zip.add('xl/styles.xml', this.stylesXml())
    const filters = this.sheets
      .map((s, i) =>
        s.filterTo === undefined
          ? ''
          : `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">` +
            `${escapeMarkup(`'${s.name.replace(/'/g, "''")}'!$A$1:$${s.filterTo}$1`)}</definedName>`,
      )
      .join('')
    await this.zip.add(
      'xl/workbook.xml',
      XML_HEAD +
        `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
        '<workbookPr/><bookViews><workbookView/></bookViews><sheets>' +
        this.sheets
          .map(
            (s, i) =>
              `<sheet name="${escapeMarkup(s.name)}" sheetId="${i + 1}"${s.state === 'visible' ? '' : ` state="${s.state}"`} r:id="rId${i + 1}"/>`,
          )
          .join('') +
        '</sheets>' +
        (filters === '' ? '' : `<definedNames>${filters}</definedNames>`) +
        '</workbook>',
    )
    await this.zip.close()
  }

  /** Closes the file unfinished; the caller removes it. */
  abort(): Promise<void> {
    return this.zip.abort()
  }

  private stylesXml(): string {
    const formats = [...new Set(this.styles.flatMap((s) => (s.numFmt ? [s.numFmt] : [])))]
    const fontOf = (s: XlsxStyle) => `${s.bold === true ? 1 : 0}:${s.size ?? 11}`
    const fonts = [...new Set(['0:11', ...this.styles.map(fontOf)])]
    const fills = [...new Set(this.styles.flatMap((s) => (s.fill ? [s.fill] : [])))]
    const fontXml = (key: string) => {
      const [bold, size] = key.split(':')
      return `<font>${bold === '1' ? '<b/>' : ''}<sz val="${size}"/><name val="Calibri"/><family val="2"/></font>`
    }
    const xf = (s: XlsxStyle) => {
      const numFmtId = s.numFmt ? 164 + formats.indexOf(s.numFmt) : 0
      const fontId = fonts.indexOf(fontOf(s))
      // Fills 0 and 1 are the two Excel requires (none, gray125).
      const fillId = s.fill ? 2 + fills.indexOf(s.fill) : 0
      const align =
        s.wrap === true || s.vertical !== undefined
          ? `<alignment${s.wrap === true ? ' wrapText="1"' : ''}${s.vertical === undefined ? '' : ` vertical="${s.vertical}"`}/>`
          : ''
      return (
        `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"` +
        `${numFmtId > 0 ? ' applyNumberFormat="1"' : ''}${fontId > 0 ? ' applyFont="1"' : ''}` +
        `${fillId > 0 ? ' applyFill="1"' : ''}${align === '' ? '/>' : ` applyAlignment="1">${align}</xf>`}`
      )
    }
    return (
      XML_HEAD +
      `<styleSheet xmlns="${MAIN_NS}">` +
      (formats.length === 0
        ? ''
        : `<numFmts count="${formats.length}">${formats
            .map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${escapeMarkup(f)}"/>`)
            .join('')}</numFmts>`) +
      `<fonts count="${fonts.length}">${fonts.map(fontXml).join('')}</fonts>` +
      `<fills count="${2 + fills.length}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
      fills
        .map(
          (argb) =>
            `<fill><patternFill patternType="solid"><fgColor rgb="${escapeMarkup(argb)}"/><bgColor indexed="64"/></patternFill></fill>`,
        )
        .join('') +
      '</fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.styles.length}">${this.styles.map(xf).join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    )
  }
}

/** Equal styles share one key, whatever fields were left out. */
function styleKey(s: XlsxStyle): string {
  return JSON.stringify([
    s.numFmt ?? '',
    s.bold === true,
    s.size ?? 11,
    s.fill ?? '',
    s.wrap === true,
    s.vertical ?? '',
  ])
}

/** The sheet view, with the top rows and left columns frozen when asked. */
function sheetView(rows: number, columns: number, selected: boolean): string {
  const open = `<sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}`
  if (rows === 0 && columns === 0) return `${open}/>`
  const topLeft = `${columnLetters(columns)}${rows + 1}`
  const pane = rows > 0 && columns > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight'
  const split = `${columns > 0 ? ` xSplit="${columns}"` : ''}${rows > 0 ? ` ySplit="${rows}"` : ''}`
  return (
    `${open}><pane${split} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView>`
  )
}

function validationsXml(list: readonly XlsxListValidation[]): string {
  if (list.length === 0) return ''
  const one = (v: XlsxListValidation) =>
    `<dataValidation type="list" allowBlank="1" showErrorMessage="1"` +
    `${v.errorTitle === undefined ? '' : ` errorTitle="${escapeMarkup(v.errorTitle)}"`}` +
    `${v.error === undefined ? '' : ` error="${escapeMarkup(v.error)}"`} sqref="${v.range}">` +
    `<formula1>${escapeMarkup(`"${v.values.join(',')}"`)}</formula1></dataValidation>`
  return `<dataValidations count="${list.length}">${list.map(one).join('')}</dataValidations>`
}
