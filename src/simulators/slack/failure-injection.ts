/** A failure the simulator applies to the next calls of a method, in place of or before the response. */
export type InjectedFailure =
  | { kind: 'error'; error: string }
  | { kind: 'ratelimited'; retryAfterSeconds: number }
  | { kind: 'delay'; ms: number };

interface Queued {
  failure: InjectedFailure;
  remaining: number;
}

/** Failures queued per Web API method, each used for a given number of calls, first queued first. */
export class FailureInjection {
  private readonly queues = new Map<string, Queued[]>();

  add(method: string, failure: InjectedFailure, times: number): void {
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`times must be a positive integer, got ${times}`);
    }
    const queue = this.queues.get(method) ?? [];
    queue.push({ failure, remaining: times });
    this.queues.set(method, queue);
  }

  /** Takes the failures for one call: at most one delay, then at most one error or rate limit. */
  take(method: string): InjectedFailure[] {
    const queue = this.queues.get(method) ?? [];
    const applied: InjectedFailure[] = [];
    const delay = queue.find((queued) => queued.failure.kind === 'delay');
    const replacement = queue.find((queued) => queued.failure.kind !== 'delay');
    for (const queued of [delay, replacement]) {
      if (!queued) continue;
      applied.push(queued.failure);
      queued.remaining -= 1;
    }
    this.queues.set(method, queue.filter((queued) => queued.remaining > 0));
    return applied;
  }

  clear(): void {
    this.queues.clear();
  }
}
