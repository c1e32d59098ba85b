/**
 * The analysis table (客户分级管理分析表格) in the store: one row per customer with basic
 * information, tier, segment, basis, reasons in zh and en, needs, actions, every indicator
 * and the model outputs; and the action list, one row per action. Both are written with the
 * engine's bulk path and replaced by each run.
 */
import type { ColumnValues, Engine } from '../engine/index.js'
import { INDICATORS } from '../indicators/index.js'
import { RFM_SEGMENTS } from '../models/index.js'
import { analysisOrderSql, type ColumnSpec } from '../report/index.js'
import {
  customerNeeds,
  explainTiers,
  FEATURE_LABELS,
  labelOf,
  type ActionPlan,
  type Assignment,
  type Frame,
  type Lang,
  type NeedsInput,
  type Policy,
  type ReasonOptions,
} from '../tiering/index.js'
import { INDICATORS_TABLE } from './analysis-frame.js'
import { collectGarbage } from './memory.js'

export const ANALYSIS_TABLE = 'analysis'
export const ACTIONS_TABLE = 'analysis_actions'
const RESULTS_TABLE = 'clientele_results'

const FIXED: ColumnSpec[] = [
  { name: 'customer_id', zh: '客户编号', en: 'Customer ID', unit: 'text' },
  { name: 'name', zh: '客户名称', en: 'Name', unit: 'text' },
  { name: 'tier', zh: '层级代码', en: 'Tier ID', unit: 'text' },
  { name: 'tier_name', zh: '客户层级', en: 'Tier', unit: 'text' },
  { name: 'segment', zh: '客户细分', en: 'Segment', unit: 'text' },
  { name: 'reason_zh', zh: '评级原因说明', en: 'Reason (zh)', unit: 'text' },
  { name: 'reason_en', zh: '评级原因(英文)', en: 'Reason', unit: 'text' },
  { name: 'basis', zh: '分级依据', en: 'Basis', unit: 'text' },
  { name: 'needs', zh: '需求分析', en: 'Needs', unit: 'text' },
  { name: 'actions', zh: '行动计划', en: 'Actions', unit: 'text' },
]

const FEATURES = Object.keys(FEATURE_LABELS)

export interface AnalysisParts {
  readonly frame: Frame
  readonly policy: Policy
  readonly assignment: Assignment
  readonly reasonOptions: ReasonOptions
  readonly needsInput: NeedsInput
  readonly plan: ActionPlan
  readonly lang: Lang
}

/**
 * A column of the appended rows. Text with few distinct values (tiers, segments, classes) is
 * appended as codes into `words`, an INTEGER from 0 (-1 for NULL), and spelled out by the
 * analysis table's query: a number costs the appender a fraction of what a string does.
 */
interface Column {
  readonly name: string
  readonly type: 'VARCHAR' | 'DOUBLE' | 'INTEGER'
  readonly values: (start: number, end: number) => ColumnValues
  readonly words?: readonly string[]
}

/** A coded column whose codes are `codes` (indices into `words`). */
function coded(name: string, codes: Int32Array, words: readonly string[]): Column {
  return { name, type: 'INTEGER', values: (s, e) => codes.subarray(s, e), words }
}

/** Distinct words a coded column may have; a column with more is appended as text. */
const MAX_WORDS = 1000
/** Values a batch of a full codebook looks up before it may decide they do not recur. */
const MIN_LOOKUPS = 1000

/**
 * Codes for the values of a text column, given a batch at a time (reasons, needs, actions),
 * or at once (`dictionary`); appended as two columns:
 * `<name>_code`, the value's code while the column has met fewer than `limit` (`MAX_WORDS`)
 * distinct values, and `<name>_text`, the value itself when it has no code. Values repeat
 * across a tier (a class's reason, an owner's action with its due date): coded, they cost
 * the appender and the analysis table's sort a number each instead of a string. A column
 * whose values all differ (sentences citing each customer's figures) is coded for its first
 * `limit` values and appended as text after that, so the words held stay bounded; once a
 * batch of at least `MIN_LOOKUPS` values after that finds under 1 % of them coded, values are
 * no longer looked up (each lookup hashes the whole sentence: 1.2 s of a million customers'
 * writing at 10^7 orders) and all go as text.
 */
export class Codebook {
  private readonly known: string[] = []
  private readonly index = new Map<string, number>()
  /** False once the book is full and its words have stopped recurring. */
  private lookup = true

  constructor(
    readonly name: string,
    private readonly limit = MAX_WORDS,
  ) {}

  /** The codes (-1 where none) and the uncoded values of one batch. */
  encode(values: readonly (string | null)[]): [Int32Array, (string | null)[]] {
    const codes = new Int32Array(values.length)
    if (!this.lookup) return [codes.fill(-1), values.map((v) => v ?? null)]
    const text = new Array<string | null>(values.length).fill(null)
    const full = this.known.length >= this.limit
    let lookups = 0
    let hits = 0
    for (let i = 0; i < values.length; i++) {
      const v = values[i]
      let k = v === null || v === undefined ? -1 : this.index.get(v)
      if (k === undefined && this.known.length < this.limit) {
        k = this.known.length
        this.index.set(v!, k)
        this.known.push(v!)
      } else if (k !== -1) {
        lookups++
        if (k !== undefined) hits++
      }
      if (k === undefined) {
        codes[i] = -1
        text[i] = v!
      } else codes[i] = k
    }
    if (full && lookups >= MIN_LOOKUPS && hits * 100 < lookups) this.lookup = false
    return [codes, text]
  }

  /** The coded values, in code order. */
  get words(): readonly string[] {
    return this.known
  }

  /** The appended columns' names. */
  get names(): [code: string, text: string] {
    return [`${this.name}_code`, `${this.name}_text`]
  }

  /** The appended columns' definitions. */
  get columns(): string[] {
    const [code, text] = this.names
    return [`${code} INTEGER`, `${text} VARCHAR`]
  }

  /** The value again, from the appended columns of table alias `r`. */
  decode(engine: Engine, r: string): string {
    const [code, text] = this.names
    return `coalesce(list_extract(${listLiteral(engine, this.words)}, ${r}.${code} + 1), ${r}.${text})`
  }
}

/**
 * `values` as codes into the distinct words they hold, each spelled by `spell`; as text
 * when they hold more than `MAX_WORDS` distinct words.
 */
function dictionary(
  name: string,
  values: readonly (string | null)[],
  spell: (value: string) => string = (v) => v,
): Column {
  const book = new Codebook(name)
  const [codes, text] = book.encode(values)
  if (text.every((t) => t === null)) return coded(name, codes, book.words.map(spell))
  return {
    name,
    type: 'VARCHAR',
    values: (s, e) => values.slice(s, e).map((w) => (w === null ? null : spell(w))),
  }
}

/** A DuckDB list literal of `words`, indexed from 1 (index 0, code -1, gives NULL). */
function listLiteral(engine: Engine, words: readonly string[]): string {
  return `[${words.map((w) => engine.dialect.quoteString(w)).join(', ')}]::VARCHAR[]`
}

/**
 * Customers whose sentences are built and appended at a time: bounds the text held in JS,
 * and small enough for most of it to die young.
 */
const BATCH = 10_000
/** Customers between full garbage collections while the text is appended. */
const COLLECT_EVERY = 250_000

/**
 * Appends every customer's row and the action list to the store. Returns the step that
 * makes the analysis table from them: it reads only the store, so the caller can drop the
 * frame (and collect it) before that sort.
 */
export async function writeAnalysisTables(
  engine: Engine,
  p: AnalysisParts,
): Promise<() => Promise<void>> {
  const { frame, policy, assignment, lang } = p
  const segmentNames = Object.fromEntries(RFM_SEGMENTS.map((s) => [s.id, s[lang]]))
  const features = FEATURES.filter((f) => frame.numbers.has(f) || frame.texts.has(f))
  const segments = frame.texts.get('rfm_segment')
  const columns: Column[] = [
    { name: 'customer_id', type: 'VARCHAR', values: (s, e) => frame.ids.slice(s, e) },
    coded(
      'tier',
      assignment.tier,
      policy.tiers.map((t) => t.id),
    ),
    coded(
      'tier_name',
      assignment.tier,
      policy.tiers.map((t) => t.name[lang]),
    ),
    segments === undefined
      ? { name: 'segment', type: 'VARCHAR', values: (s, e) => new Array<null>(e - s).fill(null) }
      : dictionary('segment', segments, (g) => segmentNames[g] ?? g),
    ...features.map((f): Column => {
      const numbers = frame.numbers.get(f)
      return numbers === undefined
        ? dictionary(f, frame.texts.get(f)!)
        : { name: f, type: 'DOUBLE', values: (s, e) => numbers.subarray(s, e) }
    }),
  ]
  const text = ['reason_zh', 'reason_en', 'basis', 'needs', 'actions'].map((n) => new Codebook(n))
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${RESULTS_TABLE} (${[
      ...columns.map((c) => `${c.name} ${c.type}`),
      ...text.flatMap((t) => t.columns),
    ].join(', ')})`,
  )
  // Sentences are made and coded a batch at a time, as the append takes them, so the text
  // held in JS is one batch's.
  async function* batches() {
    for (let start = 0; start < frame.n; start += BATCH) {
      const batch = { start, end: Math.min(frame.n, start + BATCH) }
      const reasons = explainTiers(frame, policy, assignment, p.reasonOptions, batch)
      const values = [
        reasons.zh,
        reasons.en,
        reasons.basis.map((b) => b.join(', ')),
        customerNeeds(frame, assignment.tier, policy, lang, p.needsInput, batch),
        p.plan.summary(batch.start, batch.end),
      ]
      yield [
        ...columns.map((c) => c.values(batch.start, batch.end)),
        ...values.flatMap((v, j) => text[j]!.encode(v)),
      ]
      if (batch.end % COLLECT_EVERY === 0) await collectGarbage()
    }
  }
  await engine.appendBatches(RESULTS_TABLE, batches())
  const indicatorCols = INDICATORS.filter(
    (i) => i.name !== 'name' && !features.includes(i.name),
  ).map((i) => `i.${engine.dialect.quoteIdentifier(i.name)}`)
  const order = analysisOrderSql(
    engine,
    policy.tiers.map((t) => t.id),
    policy.value,
  )
  const a = p.plan.rows
  await engine.run(
    `CREATE OR REPLACE TABLE ${ACTIONS_TABLE} (customer_id VARCHAR, tier VARCHAR, action VARCHAR, text VARCHAR, owner VARCHAR,
      priority VARCHAR, due VARCHAR, value_at_stake DOUBLE, cost DOUBLE, status VARCHAR, reason VARCHAR)`,
  )
  await engine.insertColumns(ACTIONS_TABLE, [
    Array.from(a.customerIndex, (i) => frame.ids[i]!),
    a.tier,
    a.action,
    a.text,
    a.owner,
    a.priority,
    a.due,
    a.valueAtStake,
    a.cost,
    a.status,
    a.note,
  ])
  const select = (name: string) => {
    const c = columns.find((x) => x.name === name)!
    return c.words === undefined
      ? `r.${name}`
      : `list_extract(${listLiteral(engine, c.words)}, r.${name} + 1) AS ${name}`
  }
  return analysisTableStep(engine, indicatorCols, features.map(select), order, select, text)
}

/**
 * The analysis table from the appended rows and the indicators, stored in the output order
 * (tier, value, customer: `analysisOrderSql`), so the exports copy it without sorting again.
 * Made in its own scope so the step holds no reference to the frame.
 */
function analysisTableStep(
  engine: Engine,
  indicatorCols: readonly string[],
  features: readonly string[],
  order: string,
  select: (name: string) => string,
  text: readonly Codebook[],
): () => Promise<void> {
  const fixed = ['tier', 'tier_name', 'segment'].map(select).join(', ')
  const coded = text.flatMap((t) => t.names)
  // Sorted while the sentences are still codes; spelled out after the sort, in order.
  return async () => {
    await engine.run(
      `CREATE OR REPLACE TABLE ${ANALYSIS_TABLE} AS
       SELECT customer_id, name, tier, tier_name, segment, ${text.map((t) => `${t.decode(engine, 'r')} AS ${t.name}`).join(', ')},
         * EXCLUDE (customer_id, name, tier, tier_name, segment, ${coded.join(', ')})
       FROM (SELECT * FROM (
         SELECT r.customer_id, i.name, ${fixed}, ${coded.map((c) => `r.${c}`).join(', ')},
           ${indicatorCols.join(', ')}${features.map((f) => `, ${f}`).join('')}
         FROM ${RESULTS_TABLE} r JOIN ${INDICATORS_TABLE} i ON i.customer_id = r.customer_id)
         ORDER BY ${order}) r`,
    )
    await engine.run(`DROP TABLE ${RESULTS_TABLE}`)
  }
}

/** Headers and units of the analysis table's columns, in its column order. */
export async function columnSpecs(engine: Engine): Promise<ColumnSpec[]> {
  const cols = await engine.all<{ column_name: string }>(`DESCRIBE ${ANALYSIS_TABLE}`)
  return cols.map(({ column_name: name }) => {
    const fixed = FIXED.find((f) => f.name === name)
    if (fixed) return fixed
    const ind = INDICATORS.find((i) => i.name === name)
    if (ind) return { name, zh: ind.zh, en: ind.en, unit: ind.unit }
    const l = labelOf(name)
    return { name, zh: l.zh, en: l.en.charAt(0).toUpperCase() + l.en.slice(1), unit: l.unit }
  })
}
