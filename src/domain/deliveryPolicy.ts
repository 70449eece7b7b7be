// When to try a proactive message again and when to give it up: a pure rule, no I/O, no clock
// (the caller passes the message's age). Teams' own advice: retry 412, 429, 502, 503 and 504, never
// sooner than Retry-After; a 403 (the app removed, the user blocked the bot) or a 404 (the chat is
// gone) will not get better by waiting. Whatever the reason, a message not delivered within the
// bound is given up, so that someone is told rather than it being retried for ever.

export interface DeliveryPolicy {
  /** First retry delay; doubles each attempt up to maxBackoffMs. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** A message not delivered this long after it was queued is given up (default: 24 hours). */
  boundMs: number;
  /** Give up after this many attempts even within the bound (default: no limit). */
  maxAttempts: number;
  /** How often a card update looks again for the message it replaces to be sent. */
  waitForOriginalMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  baseBackoffMs: 1000,
  maxBackoffMs: 5 * 60_000,
  boundMs: 24 * 3_600_000,
  maxAttempts: Number.POSITIVE_INFINITY,
  waitForOriginalMs: 1000,
};

/** How an attempt went wrong, as far as the policy cares. */
export type DeliveryFailure =
  /** The Teams connector answered with an error status, or none (a network error, no answer in time). */
  | { kind: 'connector'; status?: number; retryAfterMs?: number }
  /** Something on our side that will not change: the subject was deleted, the channel is unknown. */
  | { kind: 'permanent'; reason: string }
  /** A card update whose original message is not sent yet: wait for it, without counting an attempt. */
  | { kind: 'waiting' }
  /** The attempt could not start in time (the lease ran out): try again, counted as an attempt. */
  | { kind: 'transient' };

export type Verdict = { retry: true; waitMs: number; attempts: number } | { retry: false; attempts: number; reason: string };

/** No status (a network error, no answer in time), 408, 412, 429 and 5xx are worth another try. */
export function isTransientStatus(status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 412 || status === 429 || status >= 500;
}

const hours = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000} hour${ms === 3_600_000 ? '' : 's'}` : `${Math.round(ms / 60_000)} minutes`);

/**
 * After a failed attempt: try again (after waitMs) or give up (with the reason people are shown).
 * `attempts` is how many attempts were made before this one; `ageMs` how long ago the message was queued.
 */
export function afterFailure(policy: DeliveryPolicy, failure: DeliveryFailure, attemptsBefore: number, ageMs: number): Verdict {
  const attempts = attemptsBefore + (failure.kind === 'waiting' ? 0 : 1);
  if (failure.kind === 'permanent') return { retry: false, attempts, reason: failure.reason };
  if (failure.kind === 'connector' && !isTransientStatus(failure.status)) {
    const why =
      failure.status === 403
        ? 'Teams refused it (403: the app is not installed for them, or it was blocked)'
        : failure.status === 404
          ? 'Teams refused it (404: the chat no longer exists)'
          : `Teams refused it (${failure.status})`;
    return { retry: false, attempts, reason: why };
  }
  if (attempts >= policy.maxAttempts) return { retry: false, attempts, reason: `not delivered after ${attempts} attempts` };
  const backoff = failure.kind === 'waiting' ? policy.waitForOriginalMs : Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** Math.max(0, attempts - 1));
  const waitMs = Math.max(backoff, failure.kind === 'connector' ? (failure.retryAfterMs ?? 0) : 0);
  // The next try would come after the bound: give up now rather than hold it longer.
  if (ageMs + waitMs > policy.boundMs) {
    const what = failure.kind === 'waiting' ? 'the card it updates was never delivered' : 'Teams did not accept it';
    return { retry: false, attempts, reason: `not delivered within ${hours(policy.boundMs)} (${what})` };
  }
  return { retry: true, waitMs, attempts };
}

/** Whether the attempt about to be made is the last the policy allows (so a step with a fallback takes it now). */
export function isLastAttempt(policy: DeliveryPolicy, attemptsBefore: number, ageMs: number): boolean {
  if (attemptsBefore + 1 >= policy.maxAttempts) return true;
  const nextBackoff = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** attemptsBefore);
  return ageMs + nextBackoff > policy.boundMs;
}
