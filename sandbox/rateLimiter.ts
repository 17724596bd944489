// Fixed-window request counting per access token, answering how long a throttled caller must wait.
export interface RateLimit {
  requests: number;
  windowMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly currentLimit: () => RateLimit | undefined) {}

  check(key: string, now = Date.now()): RateDecision {
    const limit = this.currentLimit();
    if (!limit) return { allowed: true };
    let window = this.windows.get(key);
    if (!window || now - window.start >= limit.windowMs) {
      if (this.windows.size > 10_000) this.windows.clear();
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= limit.requests) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((window.start + limit.windowMs - now) / 1000)),
    };
  }
}
