/**
 * Text encodings: detection from the bytes, and a streamed conversion to the UTF-8 file
 * that DuckDB's CSV reader needs (it reads only UTF-8, UTF-16 and latin-1).
 */
import {
  createReadStream,
  createWriteStream,
  openSync,
  readSync,
  closeSync,
  fstatSync,
} from 'node:fs'
import { Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import iconv from 'iconv-lite'
import { IngestError } from './ingest-error.js'

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030'
export const ENCODINGS: readonly string[] = ['utf8', 'utf16le', 'utf16be', 'gb18030', 'gbk']

const SAMPLE = 1 << 20

/** Reads up to `SAMPLE` bytes from the start and from the end of a file. */
function samples(path: string): { head: Buffer; tail: Buffer; size: number } {
  const fd = openSync(path, 'r')
  try {
    const size = fstatSync(fd).size
    const head = Buffer.alloc(Math.min(SAMPLE, size))
    readSync(fd, head, 0, head.length, 0)
    const tailStart = Math.max(head.length, size - SAMPLE)
    const tail = Buffer.alloc(size - tailStart)
    readSync(fd, tail, 0, tail.length, tailStart)
    return { head, tail, size }
  } finally {
    closeSync(fd)
  }
}

/** Whether `buf` is valid UTF-8, ignoring a character cut at either end. */
function isUtf8(buf: Buffer, cutStart: boolean): boolean {
  let start = 0
  // Skip continuation bytes of a character cut by the sample boundary.
  if (cutStart) while (start < 4 && start < buf.length && (buf[start]! & 0xc0) === 0x80) start++
  let end = buf.length
  for (let i = 1; i <= 4 && buf.length - i >= start; i++) {
    const b = buf[buf.length - i]!
    if ((b & 0xc0) === 0xc0) {
      end = buf.length - i
      break
    }
    if ((b & 0x80) === 0) break
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(start, end))
    return true
  } catch {
    return false
  }
}

/** The encoding of a text file: BOM first, then UTF-16 by zero bytes, UTF-8 if valid, else GB18030. */
export function detectEncoding(path: string): {
  encoding: TextEncoding
  bom: boolean
  size: number
} {
  const { head, tail, size } = samples(path)
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf8', bom: true, size }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bom: true, size }
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bom: true, size }
  let evenZeros = 0
  let oddZeros = 0
  const n = Math.min(head.length, 4096)
  for (let i = 0; i < n; i++) {
    if (head[i] !== 0) continue
    if (i % 2 === 0) evenZeros++
    else oddZeros++
  }
  if (oddZeros > n / 8 && evenZeros === 0) return { encoding: 'utf16le', bom: false, size }
  if (evenZeros > n / 8 && oddZeros === 0) return { encoding: 'utf16be', bom: false, size }
  if (isUtf8(head, false) && isUtf8(tail, true)) return { encoding: 'utf8', bom: false, size }
  return { encoding: 'gb18030', bom: false, size }
}

export function normaliseEncoding(name: string, file: string): TextEncoding {
  const n = name.toLowerCase().replace(/[-_]/g, '')
  if (n === 'utf8') return 'utf8'
  if (n === 'utf16le' || n === 'utf16') return 'utf16le'
  if (n === 'utf16be') return 'utf16be'
  if (n === 'gbk' || n === 'gb2312' || n === 'gb18030' || n === 'cp936') return 'gb18030'
  throw new IngestError('INGEST_BAD_ENCODING', `unknown encoding "${name}" for ${file}`, [
    {
      code: 'INGEST_BAD_ENCODING',
      file,
      message: `expected one of ${ENCODINGS.join(', ')}`,
      value: name,
    },
  ])
}

/** What to do about bytes that are not text in `encoding`. */
export function badBytes(encoding: TextEncoding): string {
  return `bytes that are not ${encoding}; save the file as UTF-8 or name its encoding with --encoding`
}

/** Splits whitespace-aligned columns into tab-separated ones, line by line. */
class WhitespaceToTabs extends Transform {
  private rest = ''
  override _transform(chunk: string, _enc: BufferEncoding, done: TransformCallback) {
    const text = this.rest + chunk
    const cut = text.lastIndexOf('\n')
    this.rest = text.slice(cut + 1)
    if (cut >= 0) this.push(convertLines(text.slice(0, cut + 1)))
    done()
  }
  override _flush(done: TransformCallback) {
    if (this.rest !== '') this.push(convertLines(this.rest))
    done()
  }
}

function convertLines(text: string): string {
  return text
    .replace(/[^\S\n]*\r?\n/g, '\n')
    .replace(/^[^\S\n]+/gm, '')
    .replace(/[^\S\n]+/g, '\t')
}

/**
 * Writes `path` as UTF-8 to `out`, decoding from `encoding` and, when `whitespace` is set,
 * turning runs of spaces into tabs. Rejects when the bytes are not valid in that encoding.
 */
export async function convertToUtf8(
  path: string,
  out: string,
  encoding: TextEncoding,
  whitespace: boolean,
): Promise<void> {
  const decode = iconv.decodeStream(encoding, { stripBOM: true })
  let line = 1
  let bad = 0
  const check = new Transform({
    decodeStrings: false,
    transform(chunk: string, _e, done) {
      const at = chunk.indexOf('\uFFFD')
      if (at >= 0 && bad === 0) bad = line + (chunk.slice(0, at).match(/\n/g)?.length ?? 0)
      line += chunk.match(/\n/g)?.length ?? 0
      done(null, chunk)
    },
  })
  const source = createReadStream(path)
  const sink = createWriteStream(out)
  if (whitespace) {
    await pipeline(source, decode, check, new WhitespaceToTabs({ decodeStrings: false }), sink)
  } else {
    await pipeline(source, decode, check, sink)
  }
  if (bad > 0) {
    throw new IngestError('INGEST_BAD_ENCODING', `${path} is not valid ${encoding} text`, [
      {
        code: 'INGEST_BAD_ENCODING',
        file: path,
        line: bad,
        message: badBytes(encoding),
      },
    ])
  }
}
