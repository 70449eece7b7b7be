// The delivery policy: retry or give up, from the attempt count, the status, Retry-After and the age.
import { afterFailure, DEFAULT_DELIVERY_POLICY, isLastAttempt } from '../../src/domain/deliveryPolicy';

const policy = { ...DEFAULT_DELIVERY_POLICY, baseBackoffMs: 1000, maxBackoffMs: 300_000, boundMs: 24 * 3_600_000 };

describe('delivery policy', () => {
  test('a refusal for good (403, 404, 400) gives up at once, saying why', () => {
    expect(afterFailure(policy, { kind: 'connector', status: 403 }, 0, 0)).toEqual({ retry: false, attempts: 1, reason: expect.stringMatching(/^Teams refused it \(403/) });
    expect(afterFailure(policy, { kind: 'connector', status: 404 }, 2, 0)).toMatchObject({ retry: false, attempts: 3, reason: expect.stringContaining('chat no longer exists') });
    expect(afterFailure(policy, { kind: 'connector', status: 400 }, 0, 0)).toMatchObject({ retry: false });
  });

  test('transient failures (no answer, 408, 412, 429, 5xx) back off, doubling up to the cap, never sooner than Retry-After', () => {
    expect(afterFailure(policy, { kind: 'connector' }, 0, 0)).toEqual({ retry: true, attempts: 1, waitMs: 1000 });
    expect(afterFailure(policy, { kind: 'connector', status: 503 }, 3, 0)).toEqual({ retry: true, attempts: 4, waitMs: 8000 });
    expect(afterFailure(policy, { kind: 'connector', status: 500 }, 20, 0)).toEqual({ retry: true, attempts: 21, waitMs: 300_000 });
    expect(afterFailure(policy, { kind: 'connector', status: 429, retryAfterMs: 30_000 }, 0, 0)).toEqual({ retry: true, attempts: 1, waitMs: 30_000 });
    for (const status of [408, 412, 502, 504]) expect(afterFailure(policy, { kind: 'connector', status }, 0, 0).retry).toBe(true);
  });

  test('nothing is retried past the delivery bound: the next try would come after it, so it is given up now', () => {
    const almost = policy.boundMs - 60_000;
    expect(afterFailure(policy, { kind: 'connector', status: 503 }, 10, almost)).toMatchObject({ retry: false, reason: 'not delivered within 24 hours (Teams did not accept it)' });
    expect(afterFailure(policy, { kind: 'waiting' }, 0, policy.boundMs)).toMatchObject({
      retry: false,
      attempts: 0,
      reason: 'not delivered within 24 hours (the card it updates was never delivered)',
    });
    expect(afterFailure(policy, { kind: 'connector', status: 429, retryAfterMs: 120_000 }, 0, almost)).toMatchObject({ retry: false });
  });

  test('waiting for the original message of an update does not count as an attempt', () => {
    expect(afterFailure({ ...policy, waitForOriginalMs: 1000 }, { kind: 'waiting' }, 2, 0)).toEqual({ retry: true, attempts: 2, waitMs: 1000 });
  });

  test('a step with a fallback knows its last attempt: at the attempt limit, or when the next backoff would pass the bound', () => {
    expect(isLastAttempt({ ...policy, maxAttempts: 3 }, 2, 0)).toBe(true);
    expect(isLastAttempt(policy, 2, 0)).toBe(false);
    expect(isLastAttempt(policy, 2, policy.boundMs - 1000)).toBe(true);
  });
});
