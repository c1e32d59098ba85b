/**
 * One analysis inside a ClickHouse cluster: the working tables it creates on the entry
 * server (MergeTree tables named `clientele_tmp_<run>_<tag>`), the small tables it uploads,
 * and their removal when it ends, whether it succeeded or not. A run that could not clean up
 * (its server went away) leaves tables that the next run removes first, so two analyses of
 * one database must not run at the same time.
 */
import { randomBytes } from 'node:crypto'
import { createTableAs, floatHex, type ClickHouseEngine } from '../engine/index.js'

export const TMP_PREFIX = 'clientele_tmp_'

/** A column to upload: text, or numbers sent bit for bit (read back with `exactFloat`). */
export type UploadColumn = readonly [name: string, values: readonly string[] | Float64Array]

export class ClusterRun {
  private readonly tables: string[] = []
  readonly id = randomBytes(4).toString('hex')

  constructor(readonly engine: ClickHouseEngine) {}

  /** The name of this run's working table `tag`. */
  name(tag: string): string {
    return `${TMP_PREFIX}${this.id}_${tag}`
  }

  q(name: string): string {
    return this.engine.dialect.quoteIdentifier(name)
  }

  /** The quoted name of the working table `tag`, dropped with the others at the end. */
  reserve(tag: string): string {
    this.tables.push(this.name(tag))
    return this.q(this.name(tag))
  }

  /** Creates the working table `tag` from `select`, sorted by `orderBy`; returns its quoted name. */
  async create(tag: string, orderBy: string, select: string): Promise<string> {
    const name = this.name(tag)
    this.tables.push(name)
    await this.engine.run(createTableAs(this.engine.dialect, name, orderBy, select))
    return this.q(name)
  }

  /** Creates the working table `tag` empty, with the columns and engine of `table`. */
  async like(tag: string, table: string): Promise<string> {
    const name = this.name(tag)
    this.tables.push(name)
    await this.engine.run(`CREATE TABLE ${this.q(name)} AS ${this.q(table)}`)
    return this.q(name)
  }

  /**
   * Uploads columns of equal length into the working table `tag`, keyed by the first (text)
   * column; numbers go as the hex of their bits. Returns the quoted name.
   */
  async upload(tag: string, columns: readonly UploadColumn[]): Promise<string> {
    const name = this.name(tag)
    this.tables.push(name)
    const defs = columns.map(([c], i) => `${this.q(c)} ${i === 0 ? 'String' : 'Nullable(String)'}`)
    await this.engine.run(
      `CREATE TABLE ${this.q(name)} (${defs.join(', ')}) ENGINE = MergeTree ORDER BY ${this.q(columns[0]![0])}`,
    )
    await this.engine.insertColumns(
      name,
      columns.map(([, v]) => (v instanceof Float64Array ? Array.from(v, floatHex) : v)),
    )
    return this.q(name)
  }

  /** Drops this run's working tables; a server that went away leaves them to `sweep`. */
  async cleanup(): Promise<void> {
    for (const t of this.tables.splice(0)) {
      await this.engine.run(`DROP TABLE IF EXISTS ${this.q(t)}`).catch(() => undefined)
    }
  }

  /** Drops the working tables earlier runs left behind. */
  static async sweep(engine: ClickHouseEngine): Promise<void> {
    const left = await engine.all<{ name: string }>(
      `SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, $prefix)`,
      { prefix: TMP_PREFIX },
    )
    for (const { name } of left)
      await engine.run(`DROP TABLE IF EXISTS ${engine.dialect.quoteIdentifier(name)}`)
  }
}
