import { describe, expect, it } from 'vitest'
import { retryAfterMs, signBody, verifySignature } from './webhook.js'

describe('webhook signatures and Retry-After', () => {
  it('signs the raw body with HMAC-SHA256 (checked against openssl dgst -sha256 -hmac)', () => {
    expect(signBody('s3cret', '{"batch":1}')).toBe(
      'sha256=5be883facefc43b9aeb81535e97cfd692043a3f68338b8afe0823b6a13a679f7',
    )
  })

  it('verifies a signature only for the same secret and the same bytes', () => {
    const header = signBody('s3cret', '{"batch":1}')
    expect(verifySignature('s3cret', '{"batch":1}', header)).toBe(true)
    expect(verifySignature('other', '{"batch":1}', header)).toBe(false)
    expect(verifySignature('s3cret', '{"batch": 1}', header)).toBe(false)
    expect(verifySignature('s3cret', '{"batch":1}', undefined)).toBe(false)
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000)
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('2015-10-21T07:28:00Z'))).toBe(
      10_000,
    )
    expect(retryAfterMs(null)).toBeUndefined()
    expect(retryAfterMs('soon')).toBeUndefined()
  })
})
