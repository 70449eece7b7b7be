// The Teams connector calls of the outbox: send a message into a stored conversation, or replace a
// message sent before; read a team's member list, and start a one-to-one chat with a member. The only place the outbox touches botbuilder's adapter; what it relies on of
// the SDK's internals (the abort hook, the conversation reference) is in botFrameworkEdge.ts.
//
// Delivery is at least once. A call that gets no answer within its timeout is aborted and retried;
// if the connector had in fact posted the message and only its answer was late (or lost), the retry
// posts it a second time. Nothing here can tell those apart: the connector has no idempotency key.
// What cannot happen is a late answer marking an entry twice: the aborted request is closed.
import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import type { DeliveryFailure } from '../domain/deliveryPolicy';
import type { ConversationAddress } from '../store/records';
import type { TeamMember } from '../services/teamReach';
import { abortConnectorCallsWith, teamCallsOf, toConversationReference } from './botFrameworkEdge';

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
    return this.inConversation(address, timeoutMs, async (turn, signal) => {
      abortConnectorCallsWith(turn, this.adapter.ConnectorClientKey, signal);
      if (replaces) {
        await turn.updateActivity({ ...activity, id: replaces, conversation: turn.activity.conversation });
        return replaces;
      }
      return (await turn.sendActivity(activity))?.id ?? null;
    });
  }

  /** Every member of the team at `team` (its id is `team.conversationId`), page after page; aborted after `timeoutMs`. */
  async teamMembers(team: ConversationAddress, timeoutMs: number): Promise<TeamMember[]> {
    return this.inConversation(team, timeoutMs, async (turn, signal) => {
      const calls = teamCallsOf(turn, this.adapter.ConnectorClientKey, signal);
      const members: TeamMember[] = [];
      let token: string | null = null;
      for (let page = 0; page < MOST_MEMBER_PAGES; page++) {
        const next = await calls.membersPage(team.conversationId, token);
        members.push(...next.members);
        token = next.continuationToken;
        if (!token) break;
      }
      return members;
    });
  }

  /**
   * Starts (or finds: Teams answers the same chat again) the one-to-one chat with member
   * `teamsUserId` of the team at `team`; returns the chat's address. Aborted after `timeoutMs`.
   */
  async createPersonalChat(team: ConversationAddress, teamsUserId: string, userAadId: string | null, timeoutMs: number): Promise<ConversationAddress> {
    const conversationId = await this.inConversation(team, timeoutMs, (turn, signal) =>
      teamCallsOf(turn, this.adapter.ConnectorClientKey, signal).createPersonalChat(team, teamsUserId),
    );
    return { conversationId, serviceUrl: team.serviceUrl, tenantId: team.tenantId, botId: team.botId, conversationType: 'personal', userAadId };
  }

  /** Runs `calls` in a proactive turn in the conversation at `address`, with a signal that aborts them after `timeoutMs`. */
  private async inConversation<T>(address: ConversationAddress, timeoutMs: number, calls: (turn: TurnContext, signal: AbortSignal) => Promise<T>): Promise<T> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    let result: { value: T } | null = null;
    // The bot's turn error handler (adapter.onTurnError) swallows an error thrown inside a turn, and
    // the entry would be marked sent: so the turn hands its error out, to be thrown here.
    let turnError: unknown = null;
    try {
      await this.adapter.continueConversationAsync(this.botAppId, toConversationReference(address), async (turn) => {
        try {
          result = { value: await calls(turn, deadline.signal) };
        } catch (err) {
          turnError = err;
        }
      });
    } finally {
      clearTimeout(timer);
    }
    if (turnError) throw deadline.signal.aborted ? new SendTimedOut(timeoutMs) : turnError;
    if (!result) throw new Error('the connector turn ended without an answer');
    return (result as { value: T }).value;
  }
}

/** A team of more members than this many pages of 500 is read in part (and a loop of tokens ends). */
const MOST_MEMBER_PAGES = 100;

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
