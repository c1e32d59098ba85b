/**
 * Writing a ZIP file (an .xlsx is one) front to back: each entry is deflated a chunk at a
 * time as it comes in, and its CRC and sizes are patched into its local header once it
 * ends, so no entry is held in memory whole and no data descriptors are needed. Entries are
 * written one at a time. The reader beside it is `ZipArchive`.
 */
import { open, type FileHandle } from 'node:fs/promises'
import { promisify } from 'node:util'
import { constants, crc32, deflateRaw } from 'node:zlib'
import { ZIP, ZipError } from './zip-archive.js'

const { LOCAL, CENTRAL, EOCD, MAX_U32 } = ZIP
/** Version needed to extract: 2.0, deflate. */
const VERSION = 20
/** General purpose flag bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800
const DEFLATE = 8
/** Chunks being compressed at once before `write` waits. */
const IN_FLIGHT = 4
/** Deflate's window: each chunk is primed with this much of the data before it. */
const WINDOW = 32 * 1024
const deflateRawAsync = promisify(deflateRaw)

interface Written {
  readonly name: Buffer
  readonly offset: number
  crc: number
  size: number
  compressedSize: number
}

/** A DOS date and time; from the UTC fields, so the same moment gives the same bytes anywhere. */
function dosDateTime(d: Date): { time: number; day: number } {
  const year = Math.max(1980, d.getUTCFullYear())
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    day: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  }
}

/** One entry being written: `write` its bytes, then `end` it. */
export interface ZipEntryWriter {
  /**
   * Resolves when the entry can take more without piling up in memory; `consumed` is called
   * once zlib has read the chunk, after which the caller may reuse its memory.
   */
  write(chunk: Buffer, consumed?: () => void): Promise<void>
  end(): Promise<void>
}

export class ZipWriter {
  private offset = 0
  private readonly entries: Written[] = []
  private busy = false
  private readonly stamp: { time: number; day: number }

  private constructor(
    private readonly fh: FileHandle,
    private readonly level: number,
    modified: Date,
  ) {
    this.stamp = dosDateTime(modified)
  }

  /**
   * Creates (or truncates) `path`. `modified` is every entry's time stamp (its UTC fields); `level` is zlib's compression level.
   */
  static async create(
    path: string,
    options: { modified?: Date; level?: number } = {},
  ): Promise<ZipWriter> {
    const fh = await open(path, 'w')
    return new ZipWriter(fh, options.level ?? 6, options.modified ?? new Date())
  }

  private async put(buf: Buffer): Promise<void> {
    if (this.offset + buf.length > MAX_U32)
      throw new ZipError('the archive would pass 4 GB, which needs ZIP64; this writer stops there')
    await this.fh.write(buf, 0, buf.length, this.offset)
    this.offset += buf.length
  }

  /**
   * The fields a local header (at 4) and a directory record (at 6) share, in the same order:
   * version needed, flags, method, time, date, CRC, sizes and the name's length.
   */
  private entryFields(buf: Buffer, at: number, e: Written): void {
    buf.writeUInt16LE(VERSION, at)
    buf.writeUInt16LE(UTF8_NAMES, at + 2)
    buf.writeUInt16LE(DEFLATE, at + 4)
    buf.writeUInt16LE(this.stamp.time, at + 6)
    buf.writeUInt16LE(this.stamp.day, at + 8)
    buf.writeUInt32LE(e.crc, at + 10)
    buf.writeUInt32LE(e.compressedSize, at + 14)
    buf.writeUInt32LE(e.size, at + 18)
    buf.writeUInt16LE(e.name.length, at + 22)
  }

  /** Starts an entry; the previous one must have ended. */
  async entry(entryName: string): Promise<ZipEntryWriter> {
    if (this.busy) throw new Error(`a ZIP entry is still open`)
    const name = Buffer.from(entryName, 'utf8')
    const written: Written = { name, offset: this.offset, crc: 0, size: 0, compressedSize: 0 }
    // CRC and sizes are zero until the entry ends and `end` writes the header again.
    const header = Buffer.alloc(30)
    header.writeUInt32LE(LOCAL, 0)
    this.entryFields(header, 4, written)
    await this.put(Buffer.concat([header, name]))
    this.busy = true
    // Each chunk is deflated on its own on zlib's threads, primed with the 32 KB before it
    // and ended with a sync flush, so the pieces join into one deflate stream (pigz's way);
    // the pieces are written in order as they finish. Several run at once, so compression
    // keeps pace with the caller on more than one core.
    let tail: Promise<void> = Promise.resolve()
    /** Each piece's write to the file, oldest first; at most `IN_FLIGHT` wait. */
    const pieces: Promise<void>[] = []
    let window = Buffer.alloc(0)
    const level = this.level
    const deflate = (data: Buffer, finishFlush: number, consumed?: () => void) => {
      const compressed = deflateRawAsync(data, {
        level,
        finishFlush,
        // One output buffer for the whole chunk: zlib returns to the main thread once.
        chunkSize: Math.max(64 * 1024, data.length + 1024),
        ...(window.length > 0 ? { dictionary: window } : {}),
      })
      void compressed.then(consumed, () => undefined)
      // A copy: the caller may reuse `data` once zlib has read it.
      const joined = Buffer.concat([window, data.subarray(Math.max(0, data.length - WINDOW))])
      window = joined.length > WINDOW ? Buffer.from(joined.subarray(-WINDOW)) : joined
      tail = tail.then(async () => {
        const out = await compressed
        written.compressedSize += out.length
        await this.put(out)
      })
      // Awaited later (the oldest by `write`, the last by `end`); a failure is not unhandled
      // meanwhile, and every piece after a failed one fails with it.
      tail.catch(() => undefined)
      pieces.push(tail)
    }
    return {
      write: async (chunk, consumed) => {
        written.crc = crc32(chunk, written.crc)
        written.size += chunk.length
        if (written.size > MAX_U32)
          throw new ZipError(`${entryName} would pass 4 GB, which needs ZIP64`)
        deflate(chunk, constants.Z_SYNC_FLUSH, consumed)
        while (pieces.length >= IN_FLIGHT) await pieces.shift()
      },
      end: async () => {
        // An empty last block ends the stream.
        deflate(Buffer.alloc(0), constants.Z_FINISH)
        await tail
        this.entryFields(header, 4, written)
        await this.fh.write(header, 0, header.length, written.offset)
        this.entries.push(written)
        this.busy = false
      },
    }
  }

  /** Adds a whole entry. */
  async add(name: string, data: string | Buffer): Promise<void> {
    const e = await this.entry(name)
    await e.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    await e.end()
  }

  /** Writes the central directory and closes the file. */
  async close(): Promise<void> {
    if (this.busy) throw new Error(`a ZIP entry is still open`)
    try {
      const start = this.offset
      const records = this.entries.map((e) => {
        const r = Buffer.alloc(46)
        r.writeUInt32LE(CENTRAL, 0)
        r.writeUInt16LE(VERSION, 4) // version made by
        this.entryFields(r, 6, e)
        r.writeUInt32LE(e.offset, 42)
        return Buffer.concat([r, e.name])
      })
      const directory = Buffer.concat(records)
      await this.put(directory)
      if (this.entries.length > 0xffff) throw new ZipError('more than 65,535 ZIP entries')
      const end = Buffer.alloc(22)
      end.writeUInt32LE(EOCD, 0)
      end.writeUInt16LE(this.entries.length, 8)
      end.writeUInt16LE(this.entries.length, 10)
      end.writeUInt32LE(directory.length, 12)
      end.writeUInt32LE(start, 16)
      await this.put(end)
    } finally {
      await this.fh.close()
    }
  }

  /** Closes the file without finishing it (the caller removes it). */
  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined)
  }
}
