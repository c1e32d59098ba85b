import { describe, expect, it } from 'vitest'
import { hyp2f1, logHyp2f1 } from './hyp2f1.js'

const rel = (a: number, b: number) => Math.abs(a / b - 1)

describe('hyp2f1', () => {
  it('matches closed forms −ln(1−z)/z, (1−z)^−a, arcsin(√z)/√z to 1e-9 (A&S 15.1.3, 15.1.8, 15.1.6; integer c − a − b near z = 1 costs digits)', () => {
    for (const z of [-20, -0.7, 0.3, 0.9, 0.999, 0.999999]) {
      expect(rel(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-9)
      expect(rel(hyp2f1(2.7, 1.3, 1.3, z), (1 - z) ** -2.7)).toBeLessThan(1e-9)
    }
    for (const z of [0.25, 0.81, 0.9999]) {
      expect(rel(hyp2f1(0.5, 0.5, 1.5, z), Math.asin(Math.sqrt(z)) / Math.sqrt(z))).toBeLessThan(
        1e-9,
      )
    }
  })

  it('matches mpmath (50 digits) near z = 1 through the connection formula, including integer c − a − b', () => {
    // Reference values: mpmath 1.3 hyp2f1 with mp.dps = 40.
    const cases: [number, number, number, number, number][] = [
      [2.3, 4.5, 1.2, 0.999, 2.625593344232051e17],
      [1.5, 2.5, 4, 0.9999, 37.27717771546119],
      [3, 2, 5, 0.9995, 61.43682336623278],
      [1, 3.4, 2.1, 0.99999, 129511912619.456],
      [0.3, 0.7, 1.2, 0.9999, 2.007334833424385],
    ]
    for (const [a, b, c, z, v] of cases) expect(rel(hyp2f1(a, b, c, z), v)).toBeLessThan(1e-9)
  })

  it('maps negative z through Pfaff’s transformation (mpmath reference values)', () => {
    expect(rel(hyp2f1(1.24, 0.79, 4.19, -50), 0.1717829379763079)).toBeLessThan(1e-12)
    expect(rel(hyp2f1(2, 3, 4, -0.5), 0.5376748108081097)).toBeLessThan(1e-12)
  })

  it('returns a finite log where the value itself overflows (x in the thousands in Pareto/NBD)', () => {
    // mpmath: log 2F1(1000.3, 1001.2; 1002.1; 0.99) = 4602.40868724635.
    expect(hyp2f1(1000.3, 1001.2, 1002.1, 0.99)).toBe(Infinity)
    expect(rel(logHyp2f1(1000.3, 1001.2, 1002.1, 0.99), 4602.40868724635)).toBeLessThan(1e-13)
  })

  it('returns NaN, not a wrong number, outside its domain (z ≥ 1, c a non-positive integer)', () => {
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN()
    expect(hyp2f1(1, 1, -2, 0.5)).toBeNaN()
    expect(logHyp2f1(1, 1, 2, 1.5)).toBeNaN()
  })

  it('terminates for a non-positive integer a (a polynomial): 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))', () => {
    const [b, c, z] = [1.5, 2.5, 0.4]
    expect(hyp2f1(-2, b, c, z)).toBeCloseTo(
      1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)),
      14,
    )
  })
})
