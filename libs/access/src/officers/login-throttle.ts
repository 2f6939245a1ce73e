import { DomainError } from '@app/common';

/**
 * Bounds login attempts per client address (per process), before any scrypt work: the lock-out protects each
 * account, this protects the server's CPU and memory (each attempt costs a 32 MiB scrypt). Refused attempts are
 * not audited, so a flood cannot flood the audit trail either.
 */
export class LoginThrottle {
  private readonly windows = new Map<string, { startedAt: number; attempts: number }>();

  constructor(
    private readonly maxAttempts = 60,
    private readonly windowMs = 60_000,
  ) {}

  check(client: string, now: number): void {
    const window = this.windows.get(client);
    if (!window || now - window.startedAt >= this.windowMs) {
      if (this.windows.size >= 10_000) this.prune(now);
      this.windows.set(client, { startedAt: now, attempts: 1 });
      return;
    }
    window.attempts += 1;
    if (window.attempts > this.maxAttempts) {
      const retryAfter = Math.ceil((window.startedAt + this.windowMs - now) / 1000);
      throw new DomainError(
        'RATE_LIMITED',
        `Too many login attempts from this address; retry in ${retryAfter} s`,
      );
    }
  }

  private prune(now: number): void {
    for (const [client, window] of this.windows)
      if (now - window.startedAt >= this.windowMs) this.windows.delete(client);
    if (this.windows.size >= 10_000) this.windows.clear();
  }
}
