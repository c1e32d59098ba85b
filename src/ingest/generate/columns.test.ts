import { describe, expect, it } from 'vitest'
import { TABLES } from '../../schema/index.js'
import { COLUMNS, SCHEMA_KIND } from './columns.js'
import { GENERATED_TABLES } from './options.js'
import * as commerce from './vocab-commerce.js'
import * as places from './vocab-places.js'
import * as service from './vocab-service.js'

// schema/tables.ts: headers match case-, space-, underscore- and hyphen-insensitively.
const normal = (header: string) => header.toLowerCase().replace(/[\s_-]/g, '')

describe('generated headers', () => {
  for (const table of GENERATED_TABLES) {
    for (const lang of ['zh', 'en'] as const) {
      it(`${table} (${lang}): each header is a synonym of its own field and of no other`, () => {
        const fields = TABLES[SCHEMA_KIND[table]]
        for (const column of COLUMNS[table]) {
          const header = normal(column[lang])
          const matches = fields.filter((f) => f.synonyms.some((s) => normal(s) === header))
          expect(
            matches.map((f) => f.name),
            `${column[lang]}`,
          ).toEqual([column.field])
        }
      })
    }
  }

  it('covers every required field of each schema table', () => {
    for (const table of GENERATED_TABLES) {
      const written = COLUMNS[table].map((c) => c.field)
      const required = TABLES[SCHEMA_KIND[table]].filter((f) => f.required).map((f) => f.name)
      expect(written).toEqual(expect.arrayContaining(required))
    }
  })
})

/** Every string inside a value, however deeply nested. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

it('vocabulary labels need no CSV quoting (the writer does not quote code columns)', () => {
  const labels = strings([commerce, places, service])
  expect(labels.length).toBeGreaterThan(300)
  expect(labels.filter((s) => /[",\r\n]/.test(s))).toEqual([])
})
