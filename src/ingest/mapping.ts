/**
 * The explicit mapping file (`--mapping map.yaml`): which column feeds which field, and what
 * a file's encoding, delimiter, sheet and date order are, when detection is not enough.
 */
import { readFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import { z } from 'zod'
import { TABLE_KINDS, TABLES, type Issue } from '../schema/index.js'
import { IngestError } from './ingest-error.js'

const ALL_FIELDS = new Set(TABLE_KINDS.flatMap((k) => TABLES[k].map((f) => f.name)))

export const MAPPING_SCHEMA = z
  .object({
    kind: z.enum(TABLE_KINDS).optional(),
    /** false: the file has no header row; columns are named by 1-based position. */
    header: z.boolean().optional(),
    columns: z
      .record(
        z.string().refine((f) => ALL_FIELDS.has(f), { message: 'not a canonical field' }),
        z.union([z.string().min(1), z.number().int().min(1)]),
      )
      .optional(),
    encoding: z.enum(['utf8', 'utf16le', 'utf16be', 'gb18030', 'gbk']).optional(),
    delimiter: z.union([z.string().length(1), z.literal('whitespace')]).optional(),
    sheet: z.string().min(1).optional(),
    dateOrder: z.enum(['YMD', 'DMY', 'MDY']).optional(),
    currency: z.string().min(1).optional(),
  })
  .strict()

export type Mapping = z.infer<typeof MAPPING_SCHEMA>

/** Reads and validates a mapping file (YAML or JSON), reporting each problem with its path and line. */
export function loadMapping(path: string): Mapping {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new IngestError('INGEST_FILE_NOT_FOUND', `mapping file not found: ${path}`)
  }
  const doc = parseDocument(text, { keepSourceTokens: false })
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!
    throw new IngestError('INGEST_BAD_MAPPING', `mapping file ${path} is not valid YAML`, [
      {
        code: 'INGEST_BAD_MAPPING',
        file: path,
        line: e.linePos?.[0]?.line,
        message: e.message.split('\n')[0]!,
      },
    ])
  }
  const parsed = MAPPING_SCHEMA.safeParse(doc.toJS())
  if (parsed.success) return parsed.data
  const lineOf = (p: readonly PropertyKey[]): number | undefined => {
    const node = doc.getIn(p as (string | number)[], true) as
      { range?: [number, number] } | undefined
    const at = node?.range?.[0]
    return at === undefined ? undefined : text.slice(0, at).split('\n').length
  }
  const issue = (p: readonly PropertyKey[], message: string): Issue => ({
    code: 'INGEST_BAD_MAPPING',
    file: path,
    path: p.join('.'),
    line: lineOf(p),
    message: `${p.join('.') || '(root)'}: ${message}`,
  })
  // zod reports all unknown keys of an object as one issue at the object, and a bad record
  // key as "Invalid key in record": point at each key and keep the refinement's message.
  const issues: Issue[] = parsed.error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => issue([...i.path, k], `Unrecognized key: "${k}"`))
      : [issue(i.path, i.code === 'invalid_key' ? (i.issues[0]?.message ?? i.message) : i.message)],
  )
  throw new IngestError('INGEST_BAD_MAPPING', `mapping file ${path} is invalid`, issues)
}
