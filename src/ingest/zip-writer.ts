/**
 * Writing a ZIP file (an .xlsx is one) front to back: each entry is deflated as it streams
 * in, and its CRC and sizes are patched into its local header once it ends, so no entry is
 * held in memory whole and no data descriptors are needed. Entries are written one at a
 * time. The reader beside it is `ZipArchive`.
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

  private localHeader(name: Buffer): Buffer {
    const h = Buffer.alloc(30)
    h.writeUInt32LE(LOCAL, 0)
    h.writeUInt16LE(VERSION, 4)
    h.writeUInt16LE(UTF8_NAMES, 6)
    h.writeUInt16LE(8, 8)
    h.writeUInt16LE(this.stamp.time, 10)
    h.writeUInt16LE(this.stamp.day, 12)
    // CRC and sizes (14..25) are patched when the entry ends.
    h.writeUInt16LE(name.length, 26)
    return Buffer.concat([h, name])
  }

  /** Starts an entry; the previous one must have ended. */
  async entry(entryName: string): Promise<ZipEntryWriter> {
    if (this.busy) throw new Error(`a ZIP entry is still open`)
    const name = Buffer.from(entryName, 'utf8')
    const written: Written = { name, offset: this.offset, crc: 0, size: 0, compressedSize: 0 }
    await this.put(this.localHeader(name))
    this.busy = true
    // Each chunk is deflated on its own on zlib's threads, primed with the 32 KB before it
    // and ended with a sync flush, so the pieces join into one deflate stream (pigz's way);
    // the pieces are written in order as they finish. Several run at once, so compression
    // keeps pace with the caller on more than one core.
    let tail: Promise<void> = Promise.resolve()
    let inFlight = 0
    const state: { failed?: { error: unknown } } = {}
    let wake: (() => void) | undefined
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
      inFlight++
      tail = tail.then(async () => {
        const out = await compressed
        written.compressedSize += out.length
        await this.put(out)
        inFlight--
        wake?.()
      })
      tail.catch((error: unknown) => {
        state.failed ??= { error }
        wake?.()
      })
    }
    const check = () => {
      if (state.failed) throw state.failed.error
    }
    return {
      write: async (chunk, consumed) => {
        check()
        written.crc = crc32(chunk, written.crc)
        written.size += chunk.length
        if (written.size > MAX_U32)
          throw new ZipError(`${entryName} would pass 4 GB, which needs ZIP64`)
        deflate(chunk, constants.Z_SYNC_FLUSH, consumed)
        while (inFlight >= IN_FLIGHT && !state.failed) {
          await new Promise<void>((r) => (wake = r))
          wake = undefined
        }
        check()
      },
      end: async () => {
        // An empty last block ends the stream.
        deflate(Buffer.alloc(0), constants.Z_FINISH)
        await tail
        const patch = Buffer.alloc(12)
        patch.writeUInt32LE(written.crc, 0)
        patch.writeUInt32LE(written.compressedSize, 4)
        patch.writeUInt32LE(written.size, 8)
        await this.fh.write(patch, 0, 12, written.offset + 14)
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
        r.writeUInt16LE(VERSION, 4)
        r.writeUInt16LE(VERSION, 6)
        r.writeUInt16LE(UTF8_NAMES, 8)
        r.writeUInt16LE(8, 10)
        r.writeUInt16LE(this.stamp.time, 12)
        r.writeUInt16LE(this.stamp.day, 14)
        r.writeUInt32LE(e.crc, 16)
        r.writeUInt32LE(e.compressedSize, 20)
        r.writeUInt32LE(e.size, 24)
        r.writeUInt16LE(e.name.length, 28)
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
