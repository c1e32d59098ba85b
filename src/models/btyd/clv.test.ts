import { describe, expect, it } from 'vitest'
import { bgNbdExpectedPurchases } from './bg-nbd.js'
import { discountedClv, intervalDiscountRate } from './clv.js'

describe('discountedClv', () => {
  it('converts 10 % a year to (1.1)^(1/12) − 1 = 0.797 % a month', () => {
    expect(intervalDiscountRate(0.1, 1, 12)).toBeCloseTo(1.1 ** (1 / 12) - 1, 14)
    expect(intervalDiscountRate(0.1, 52.18 / 12, 52.18)).toBeCloseTo(0.0079741, 7)
  })

  it('discounts a steady 2 purchases per interval of 30 spend as a geometric sum', () => {
    // 3 intervals of 1 month at 12.6825 % a year = 1 % a month: 60·(1/1.01 + 1/1.01² + 1/1.01³) = 176.4588.
    const r = discountedClv({
      expectedPurchases: (t) => Float64Array.of(2 * t),
      spend: Float64Array.of(30),
      intervals: 3,
      intervalLength: 1,
      annualDiscountRate: 1.01 ** 12 - 1,
      unitsPerYear: 12,
    })
    expect(r.total[0]).toBeCloseTo(60 * (1 / 1.01 + 1 / 1.01 ** 2 + 1 / 1.01 ** 3), 10)
    expect(r.byInterval.map((v) => v[0])).toHaveLength(3)
  })

  it('equals expected purchases over the whole horizon × spend when the rate is 0 (BG/NBD, 52 weeks)', () => {
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
    const data = {
      x: Float64Array.of(2, 0, 7),
      tx: Float64Array.of(30.43, 0, 35),
      T: Float64Array.of(38.86, 38.86, 38),
    }
    const spend = Float64Array.of(24.66, 35.17, 40)
    const r = discountedClv({
      expectedPurchases: (t) => bgNbdExpectedPurchases(p, data, t),
      spend,
      intervals: 12,
      intervalLength: 52 / 12,
      annualDiscountRate: 0,
      unitsPerYear: 52,
    })
    const whole = bgNbdExpectedPurchases(p, data, 52)
    r.total.forEach((v, i) => expect(v).toBeCloseTo((whole[i] ?? NaN) * (spend[i] ?? NaN), 9))
  })

  it('rejects a negative discount rate with the value in the message', () => {
    expect(() =>
      discountedClv({
        expectedPurchases: () => Float64Array.of(0),
        spend: Float64Array.of(1),
        intervals: 1,
        intervalLength: 1,
        annualDiscountRate: -0.1,
        unitsPerYear: 12,
      }),
    ).toThrow('invalid annual discount rate: -0.1')
  })
})
