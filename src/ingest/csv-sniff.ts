/**
 * CSV dialect sniffing on the first lines of a UTF-8 file. DuckDB's own sniffer is thrown
 * off by ragged rows (it then picks a delimiter that gives one column), so we choose the
 * delimiter ourselves and let DuckDB read with it, reporting ragged rows by line.
 */
import { closeSync, openSync, readSync } from 'node:fs'

export type Delimiter = ',' | '\t' | ';' | '|' | 'whitespace'
const CANDIDATES = [',', '\t', ';', '|'] as const

/** The first `bytes` of a file as text, cut at the last complete line. */
export function headText(path: string, bytes = 64 * 1024): string {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    const n = readSync(fd, buf, 0, bytes, 0)
    let text = buf.subarray(0, n).toString('utf8')
    if (n === bytes) text = text.slice(0, text.lastIndexOf('\n') + 1)
    return text.replace(/^\uFEFF/, '')
  } finally {
    closeSync(fd)
  }
}

/** Splits one CSV record (no embedded newline) by `delim`, honouring double quotes. */
export function splitRecord(line: string, delim: string): string[] {
  const out: string[] = []
  let cur = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"'
        i++
      } else if (ch === '"') quoted = false
      else cur += ch
    } else if (ch === '"' && cur.trim() === '') {
      quoted = true
      cur = ''
    } else if (ch === delim) {
      out.push(cur)
      cur = ''
    } else cur += ch
  }
  out.push(cur)
  return out.map((s) => s.trim())
}

/** The delimiter whose column count is most consistent (and above one) over the sample lines. */
export function sniffDelimiter(text: string): Delimiter {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 50)
  let best: { d: Delimiter; score: number } = { d: ',', score: 0 }
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => splitRecord(l, d).length)
    const mode = modeOf(counts)
    if (mode < 2) continue
    const agree = counts.filter((c) => c === mode).length / counts.length
    const score = agree * 10 + Math.min(mode, 9) / 10
    if (score > best.score) best = { d, score }
  }
  if (best.score === 0 && lines.length > 0) {
    const ws = lines.map((l) => l.trim().split(/\s+/).length)
    if (modeOf(ws) >= 2) return 'whitespace'
  }
  return best.d
}

function modeOf(xs: readonly number[]): number {
  const counts = new Map<number, number>()
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1)
  let best = 0
  let bestCount = 0
  for (const [x, c] of counts)
    if (c > bestCount || (c === bestCount && x > best)) [best, bestCount] = [x, c]
  return best
}

/** The first record of the text, split into fields. */
export function firstRecord(text: string, delim: Delimiter): string[] {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? ''
  return delim === 'whitespace' ? line.trim().split(/\s+/) : splitRecord(line, delim)
}

/** Calls `visit` with each chunk of the file (up to 1 MiB) and its byte offset, until it returns false. */
function eachChunk(path: string, visit: (chunk: Buffer, pos: number) => boolean): void {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(1 << 20)
    for (let pos = 0; ;) {
      const read = readSync(fd, buf, 0, buf.length, pos)
      if (read === 0 || !visit(buf.subarray(0, read), pos)) return
      pos += read
    }
  } finally {
    closeSync(fd)
  }
}

/** The 1-based line of each byte offset of a file, counted in one pass up to the last. */
export function linesAt(path: string, offsets: readonly number[]): number[] {
  const order = offsets.map((at, i) => ({ at, i })).sort((a, b) => a.at - b.at)
  const out: number[] = offsets.map(() => 1)
  let line = 1
  let k = 0
  eachChunk(path, (chunk, pos) => {
    let from = 0
    // Counts the line feeds of the chunk from `from` up to `to`.
    const countTo = (to: number) => {
      for (let j = chunk.indexOf(10, from); j !== -1 && j < to; j = chunk.indexOf(10, j + 1)) line++
      from = Math.max(from, to)
    }
    while (k < order.length && order[k]!.at < pos + chunk.length) {
      countTo(order[k]!.at - pos)
      out[order[k]!.i] = line
      k++
    }
    countTo(chunk.length)
    return k < order.length
  })
  // Offsets past the end are on the last line.
  for (; k < order.length; k++) out[order[k]!.i] = line
  return out
}

/**
 * The file's physical lines: its line feeds, plus one when the last line has none (an empty
 * file has none). A file with exactly as many lines as header lines and records has no
 * record spanning lines, which spares a scan of every value for line feeds.
 */
export function physicalLines(path: string): number {
  let feeds = 0
  let last = -1
  eachChunk(path, (chunk) => {
    for (let j = chunk.indexOf(10); j !== -1; j = chunk.indexOf(10, j + 1)) feeds++
    last = chunk[chunk.length - 1]!
    return true
  })
  return last === -1 ? 0 : feeds + (last === 10 ? 0 : 1)
}
