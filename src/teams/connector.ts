// The Teams connector calls of the outbox: send a message into a stored conversation, or replace a
// message sent before. The only place the outbox touches botbuilder's adapter; what it relies on of
// the SDK's internals (the abort hook, the conversation reference) is in botFrameworkEdge.ts.
//
// Delivery is at least once. A call that gets no answer within its timeout is aborted and retried;
// if the connector had in fact posted the message and only its answer was late (or lost), the retry
// posts it a second time. Nothing here can tell those apart: the connector has no idempotency key.
// What cannot happen is a late answer marking an entry twice: the aborted request is closed.
import type { Activity, CloudAdapter } from 'botbuilder';
import type { DeliveryFailure } from '../domain/deliveryPolicy';
import type { ConversationAddress } from '../store/records';
import { abortConnectorCallsWith, toConversationReference } from './botFrameworkEdge';

/** The connector did not answer in time. Transient: it may be slow or restarting. */
export class SendTimedOut extends Error {
  constructor(ms: number) {
    super(`the Teams connector did not answer within ${ms} ms`);
  }
}

export class TeamsConnector {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
  ) {}

  /**
   * Sends `activity` into the conversation at `address`, or replaces message `replaces` with it; returns the
   * message's activity id. The connector calls are aborted after `timeoutMs`.
   */
  async post(address: ConversationAddress, activity: Partial<Activity>, replaces: string | null, timeoutMs: number): Promise<string | null> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    let activityId: string | null = null;
    // The bot's turn error handler (adapter.onTurnError) swallows an error thrown inside a turn, and
    // the entry would be marked sent: so the turn hands its error out, to be thrown here.
    let turnError: unknown = null;
    try {
      await this.adapter.continueConversationAsync(this.botAppId, toConversationReference(address), async (turn) => {
        try {
          abortConnectorCallsWith(turn, this.adapter.ConnectorClientKey, deadline.signal);
          if (replaces) {
            await turn.updateActivity({ ...activity, id: replaces, conversation: turn.activity.conversation });
            activityId = replaces;
          } else {
            activityId = (await turn.sendActivity(activity))?.id ?? null;
          }
        } catch (err) {
          turnError = err;
        }
      });
    } finally {
      clearTimeout(timer);
    }
    if (turnError) throw deadline.signal.aborted ? new SendTimedOut(timeoutMs) : turnError;
    return activityId;
  }
}

/** What a connector error means for the retry policy: its HTTP status (none for a network error or timeout) and Retry-After. */
export function connectorFailure(err: unknown, now: number): DeliveryFailure & { kind: 'connector' } {
  return { kind: 'connector', status: statusOf(err), retryAfterMs: retryAfterMs(err, now) };
}

export function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: number; response?: { status?: number } };
  return e?.statusCode ?? e?.response?.status;
}

function retryAfterMs(err: unknown, now: number): number {
  const headers = (err as { response?: { headers?: { get?(name: string): string | undefined } | Record<string, string> } })?.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  if (!raw) return 0;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? 0 : Math.max(0, date - now);
}
