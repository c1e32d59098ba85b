import { describe, expect, it } from 'vitest'
import { progressLine } from './progress.js'

describe('progress', () => {
  it('draws a bar of the stages done', () => {
    expect(progressLine('models', 2, 8)).toBe('[#####---------------] 2/8 models')
    expect(progressLine('writing', 8, 8, 'xlsx 5000')).toBe(
      '[####################] 8/8 writing xlsx 5000',
    )
  })
})
