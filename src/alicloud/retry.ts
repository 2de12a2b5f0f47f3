import { classifyEcdError, EcdError } from './errors';

/** Bounds of the automatic retries: attempts, backoff and the total time spent waiting. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxTotalDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, maxTotalDelayMs: 20_000 };

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onFailedAttempt?: (error: EcdError, attempt: number, delayMs: number | undefined) => void;
}

/**
 * Runs a call, again only after failures where Alibaba certainly did not act (throttling,
 * ServiceUnavailable, a connection never made), with exponential backoff and equal jitter.
 */
export async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = hooks.random ?? Math.random;
  let waited = 0;

  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (thrown) {
      const error = classifyEcdError(thrown);
      const delay = nextDelay(policy, attempt, random);
      const mayRetry = error.retryable && attempt < policy.maxAttempts && waited + delay <= policy.maxTotalDelayMs;
      hooks.onFailedAttempt?.(error, attempt, mayRetry ? delay : undefined);
      if (!mayRetry) throw error;

      waited += delay;
      await sleep(delay);
    }
  }
}

function nextDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
