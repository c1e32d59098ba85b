import { expect, it } from 'vitest'
import { collectGarbage } from './memory.js'

it('frees dropped typed arrays at once', async () => {
  await collectGarbage()
  const before = process.memoryUsage().arrayBuffers
  let columns: Float64Array[] | undefined = Array.from({ length: 8 }, () =>
    new Float64Array(4_000_000).fill(1),
  )
  expect(process.memoryUsage().arrayBuffers - before).toBeGreaterThan(200e6)
  expect(columns.length).toBe(8)
  columns = undefined
  await collectGarbage()
  expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(10e6)
})
