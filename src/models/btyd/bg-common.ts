/**
 * Pieces shared by BG/NBD and MBG/NBD, whose dropout is a coin flip after purchases
 * (Fader, Hardie & Lee 2005; Batislam, Denizel & Filiztekin 2007).
 */
import { hyp2f1, logHyp2f1 } from './hyp2f1.js'

const NEAR_ONE = 1e-4

/**
 * (a + b′ − 1)/(a − 1) · [1 − (α′/(α′+t))^{r′} · 2F1(r′, b′; a + b′ − 1; t/(α′+t))], the expected
 * purchases of an alive customer in the next t (FHL 2005 eq. 10 with r′ = r + x, b′ = b + x,
 * α′ = α + T). At a = 1 the ratio is 0/0: there it is interpolated from a = 1 ± 1e-4, where
 * the direct form has lost no more than about 1e-11 to cancellation.
 */
export function aliveExpectedPurchases(
  r1: number,
  b1: number,
  a: number,
  alpha1: number,
  t: number,
): number {
  if (t === 0) return 0
  if (Math.abs(a - 1) < NEAR_ONE) {
    const lo = direct(r1, b1, 1 - NEAR_ONE, alpha1, t)
    const hi = direct(r1, b1, 1 + NEAR_ONE, alpha1, t)
    return lo + ((hi - lo) * (a - (1 - NEAR_ONE))) / (2 * NEAR_ONE)
  }
  return direct(r1, b1, a, alpha1, t)
}

function direct(r1: number, b1: number, a: number, alpha1: number, t: number): number {
  const c = a + b1 - 1
  const logQ = Math.log(alpha1) - Math.log(alpha1 + t)
  const z = t / (alpha1 + t)
  const logF = logHyp2f1(r1, b1, c, z)
  // 2F1 alone overflows for hundreds of purchases while q^r′ underflows: combine them in logs.
  const bracket = Number.isNaN(logF)
    ? 1 - Math.exp(r1 * logQ) * hyp2f1(r1, b1, c, z)
    : -Math.expm1(r1 * logQ + logF)
  return (c / (a - 1)) * bracket
}

/**
 * P(no dropout in the next t | alive now) = E[e^{−λpt}] with λ ~ Gamma(r′, α′), p ~ Beta(a, b″):
 * 2F1(r′, a; a + b″; −t/α′) by Euler's integral (A&S 15.3.1).
 */
export function survivalAhead(
  r1: number,
  a: number,
  b2: number,
  alpha1: number,
  t: number,
): number {
  return t === 0 ? 1 : hyp2f1(r1, a, a + b2, -t / alpha1)
}
