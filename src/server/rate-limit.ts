/** Failed logins per user and address in a sliding window; kept in memory per server. */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs
    const list = (this.failures.get(key) ?? []).filter((t) => t > since)
    if (list.length === 0) this.failures.delete(key)
    else this.failures.set(key, list)
    return list
  }

  blocked(key: string): boolean {
    return this.recent(key).length >= this.max
  }

  fail(key: string): void {
    this.failures.set(key, [...this.recent(key), this.now()])
  }

  clear(key: string): void {
    this.failures.delete(key)
  }
}
