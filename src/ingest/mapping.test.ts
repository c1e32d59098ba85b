import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { IngestError } from './ingest-error.js'
import { loadMapping } from './mapping.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-mapping-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const write = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const failure = (path: string): unknown => {
  try {
    loadMapping(path)
  } catch (e) {
    return e
  }
  throw new Error(`expected ${path} to be rejected`)
}

describe('loadMapping', () => {
  it('reads a YAML mapping with columns by header name and by 1-based position', () => {
    const path = write(
      'ok.yaml',
      'kind: transactions\ncolumns:\n  customer_id: 会员\n  amount: 3\nencoding: gbk\ndateOrder: DMY\n',
    )
    expect(loadMapping(path)).toEqual({
      kind: 'transactions',
      columns: { customer_id: '会员', amount: 3 },
      encoding: 'gbk',
      dateOrder: 'DMY',
    })
  })

  it('reads the same settings from JSON', () => {
    const path = write('ok.json', '{"kind": "customers", "header": false, "delimiter": "|"}')
    expect(loadMapping(path)).toEqual({ kind: 'customers', header: false, delimiter: '|' })
  })

  it('rejects a column mapped to an unknown field, with its dotted path and line', () => {
    const path = write(
      'field.yaml',
      'kind: transactions\ncolumns:\n  customer_id: 客户\n  amout: 金额\n',
    )
    const err = failure(path)
    expect(err).toBeInstanceOf(IngestError)
    expect(err).toMatchObject({
      code: 'INGEST_BAD_MAPPING',
      message: `mapping file ${path} is invalid`,
      issues: [
        {
          code: 'INGEST_BAD_MAPPING',
          file: path,
          path: 'columns.amout',
          line: 4,
          message: 'columns.amout: not a canonical field',
        },
      ],
    })
  })

  it('rejects an unknown setting at the line of that setting, with every other problem', () => {
    const path = write('setting.yaml', 'kind: orders\ndateOrder: DMY\nfoo: 1\n')
    expect(failure(path)).toMatchObject({
      code: 'INGEST_BAD_MAPPING',
      issues: [
        {
          path: 'kind',
          line: 1,
          message:
            'kind: Invalid option: expected one of "customers"|"transactions"|"interactions"|"feedback"|"surveys"|"campaigns"',
        },
        { path: 'foo', line: 3, message: 'foo: Unrecognized key: "foo"' },
      ],
    })
  })

  it('rejects a column position below 1 and an empty header name', () => {
    const path = write('values.yaml', 'columns:\n  amount: 0\n  date: ""\n')
    expect(failure(path)).toMatchObject({
      issues: [
        {
          path: 'columns.amount',
          line: 2,
          message: 'columns.amount: Too small: expected number to be >=1',
        },
        {
          path: 'columns.date',
          line: 3,
          message: 'columns.date: Too small: expected string to have >=1 characters',
        },
      ],
    })
  })

  it('reports YAML that does not parse with the line the parser names', () => {
    const path = write('broken.yaml', 'kind: transactions\ncolumns:\n  customer_id: [a\n  b: c\n')
    const err = failure(path)
    expect(err).toMatchObject({
      code: 'INGEST_BAD_MAPPING',
      message: `mapping file ${path} is not valid YAML`,
      issues: [
        {
          code: 'INGEST_BAD_MAPPING',
          file: path,
          line: 4,
          message:
            'Flow sequence in block collection must be sufficiently indented and end with a ] at line 4, column 3:',
        },
      ],
    })
  })

  it('says when the mapping file does not exist', () => {
    const path = join(dir, 'missing.yaml')
    expect(failure(path)).toMatchObject({
      code: 'INGEST_FILE_NOT_FOUND',
      message: `mapping file not found: ${path}`,
    })
  })
})
