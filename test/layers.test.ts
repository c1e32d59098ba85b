// ARCHITECTURE.md: a layer imports only from layers listed above it, and only through
// that layer's index.ts.
import { readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LAYERS, layerViolations } from './support/layers.js'

const SRC = resolve(import.meta.dirname, '..', 'src')

describe('layers', () => {
  it('every folder under src/ is a layer of ARCHITECTURE.md with an index.ts', () => {
    const folders = readdirSync(SRC).filter((n) => statSync(join(SRC, n)).isDirectory())
    for (const folder of folders) {
      expect(LAYERS).toContain(folder)
      expect(statSync(join(SRC, folder, 'index.ts')).isFile()).toBe(true)
    }
  })

  it('no layer imports from a layer below it or into another layer’s internals', () => {
    expect(layerViolations(SRC)).toEqual([])
  })
})
