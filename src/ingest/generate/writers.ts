/**
 * Row writers that stream to disk: CSV (UTF-8 or GBK) and NDJSON (the temporary form the
 * xlsx writer reads back). Rows are buffered as text and written in chunks; `flush()`
 * waits for the file stream to drain, so memory stays bounded however many rows there are.
 */
import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import type { ColumnKind } from './columns.js'
import { writeGbk } from './gbk.js'
import type { CsvEncoding } from './options.js'

export type Cell = string | number | null

export interface RowSink {
  push(row: readonly Cell[]): void
  /** Bytes buffered and not yet handed to the file. */
  readonly pending: number
  flush(): Promise<void>
  close(): Promise<void>
  /** Stops writing after a failure, leaving the file incomplete. */
  abort(): void
}

/** Bytes buffered above which the generator flushes a writer. */
export const FLUSH_AT = 1 << 19

/** Bytes a writer gathers before handing them to the file. */
const CHUNK = 1 << 20

abstract class LineWriter implements RowSink {
  // Lines are encoded straight into a Buffer: building one large string per chunk instead
  // made garbage collection the largest cost of generation.
  private buffer = Buffer.allocUnsafe(CHUNK)
  private used = 0
  private failure: unknown = null
  private readonly stream: WriteStream
  /** Most bytes one character can take in the encoding. */
  private readonly width: number

  constructor(
    readonly path: string,
    private readonly encoding: CsvEncoding,
  ) {
    this.width = encoding === 'gbk' ? 2 : 3
    this.stream = createWriteStream(path)
    this.stream.on('error', (e) => (this.failure = e))
  }

  abstract push(row: readonly Cell[]): void

  get pending(): number {
    return this.used
  }

  protected line(text: string): void {
    const room = this.width * text.length
    if (this.used + room > this.buffer.length) this.handOver(room)
    this.used +=
      this.encoding === 'gbk'
        ? writeGbk(text, this.buffer, this.used)
        : this.buffer.write(text, this.used, 'utf8')
  }

  /** Hands the filled part of the buffer to the file and starts a new buffer. */
  private handOver(need = 0): void {
    if (this.used > 0) this.stream.write(this.buffer.subarray(0, this.used))
    this.buffer = Buffer.allocUnsafe(Math.max(CHUNK, need))
    this.used = 0
  }

  async flush(): Promise<void> {
    if (this.failure !== null) throw this.failure
    if (this.used > 0) this.handOver()
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain')
  }

  async close(): Promise<void> {
    await this.flush()
    this.stream.end()
    await finished(this.stream)
  }

  abort(): void {
    this.stream.destroy()
  }
}

const KIND_CODES: Record<ColumnKind, number> = { code: 0, date: 0, int: 0, text: 1, money: 2 }

/** RFC 4180 CSV with a header line and `\n` line ends. */
export class CsvWriter extends LineWriter {
  private readonly kinds: Uint8Array

  constructor(
    path: string,
    header: readonly string[],
    kinds: readonly ColumnKind[],
    encoding: CsvEncoding,
  ) {
    super(path, encoding)
    this.kinds = Uint8Array.from(kinds, (k) => KIND_CODES[k])
    this.line(header.map(quote).join(',') + '\n')
  }

  push(row: readonly Cell[]): void {
    let text = ''
    for (let i = 0; i < row.length; i++) {
      if (i > 0) text += ','
      const value = row[i]
      if (value === null || value === undefined) continue
      const kind = this.kinds[i]
      if (kind === 2) text += money(value as number)
      else if (kind === 1) text += quote(value as string)
      else text += value
    }
    this.line(text + '\n')
  }
}

/** One JSON array per line, values as given. */
export class NdjsonWriter extends LineWriter {
  constructor(path: string) {
    super(path, 'utf8')
  }

  push(row: readonly Cell[]): void {
    this.line(JSON.stringify(row) + '\n')
  }
}

const SPECIAL = /[",\r\n]/

function quote(text: string): string {
  return SPECIAL.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Two decimals, never `-0.00`; faster than `toFixed`, which shows in profiles. */
export function money(value: number): string {
  const c = Math.round(Math.abs(value) * 100)
  const rest = c % 100
  const sign = value < 0 && c > 0 ? '-' : ''
  return `${sign}${(c - rest) / 100}.${rest < 10 ? '0' : ''}${rest}`
}

/** Rounds to cents. */
export function cents(value: number): number {
  return Math.round(value * 100) / 100
}
