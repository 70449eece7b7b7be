// Sends what the outbox holds. An entry is claimed with a version-checked update and a lease, so
// two bot processes never send the same entry; a process that dies mid-send leaves a lease that
// runs out, and the entry is tried again. Failures the Teams service calls transient (429, 412,
// 5xx, network, no answer in time) are retried with backoff, never sooner than its Retry-After.
//
// Delivery is at least once. A call that gets no answer within sendTimeoutMs is aborted and
// retried; if the connector had in fact posted the message and only its answer was late (or lost),
// the retry posts it a second time. Nothing here can tell those apart: the connector has no
// idempotency key. What cannot happen is a late answer marking an entry twice: the aborted request
// is closed, so no answer reaches the sender, and the entry's version has moved on by then anyway.
import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference, type Activity, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ServiceContext } from '../services/context';
import type { OutboxDoc } from '../store/records';
import { noticeCard, tasksCard } from './cards';
import { digestCard } from './digestCards';
import { buildDigest, digestSince, type DigestSections } from '../services/digest';
import { openTasksOf } from '../services/tasks';
import { renderMoveCard } from './moveCardRenderer';
import { placementActivity } from './meetingRenderer';
import { toPerson } from '../services/people';
import { releaseHeldMessages } from '../services/outbox';
import { serviceUrlProblem, type ServiceUrlPolicy } from './serviceUrls';

export interface SenderOptions {
  pollMs?: number;
  /** How long a claimed entry is held; must be longer than sendTimeoutMs. Default: a minute. */
  leaseMs?: number;
  /**
   * How long one delivery's connector calls may take, the SDK's own retries included, before they
   * are aborted and the entry is retried later. Default: 30 s, or half the lease if that is shorter.
   * (A Retry-After the SDK is still waiting out when this runs out is lost: the entry then waits
   * only its backoff.)
   */
  sendTimeoutMs?: number;
  maxAttempts?: number;
  /** First retry delay; doubles each attempt up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Digest sections other features contribute (open alerts, meetings). */
  digestSections?: DigestSections;
  /** The service URLs the bot may call: a stored reference naming another is never sent to. */
  serviceUrls?: ServiceUrlPolicy;
}

class PermanentFailure extends Error {}
class NotYet extends Error {}
/** The person has never opened a chat with the bot, so Teams gives it no way to reach them yet. */
class NoChatYet extends Error {}
/** The lease was nearly over before the message could be sent (a slow render): try again later rather than risk a second sender. */
class LeaseRanOut extends Error {}
/** The connector did not answer in time. Transient: it may be slow or restarting. */
class SendTimedOut extends Error {
  constructor(ms: number) {
    super(`the Teams connector did not answer within ${ms} ms`);
  }
}

function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: number; response?: { status?: number } };
  return e?.statusCode ?? e?.response?.status;
}

function retryAfterMs(err: unknown): number {
  const headers = (err as { response?: { headers?: { get?(name: string): string | undefined } | Record<string, string> } })?.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  if (!raw) return 0;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? 0 : Math.max(0, date - Date.now());
}

/** No status (a network error or SendTimedOut), 408, 412, 429 and 5xx are worth another try. */
function isTransient(err: unknown): boolean {
  const status = statusOf(err);
  return status === undefined || status === 408 || status === 412 || status === 429 || status >= 500;
}

/**
 * botbuilder passes no request options when a turn sends or updates a message, so the turn's
 * connector client is replaced by one whose sends and updates carry `signal`. Aborting it closes
 * the HTTP request (and ends the SDK's own retries) rather than leaving the socket waiting.
 */
function abortConnectorCallsWith(turn: TurnContext, connectorClientKey: symbol, signal: AbortSignal): void {
  const connector = turn.turnState.get<ConnectorClient>(connectorClientKey);
  const { conversations } = connector;
  const options = { abortSignal: signal };
  const abortable: Partial<ConnectorClient['conversations']> = {
    sendToConversation: (conversationId: string, activity: Partial<Activity>) => conversations.sendToConversation(conversationId, activity, options),
    replyToActivity: (conversationId: string, activityId: string, activity: Partial<Activity>) => conversations.replyToActivity(conversationId, activityId, activity, options),
    updateActivity: (conversationId: string, activityId: string, activity: Partial<Activity>) => conversations.updateActivity(conversationId, activityId, activity, options),
  };
  // Everything else is the turn's own client, reached through the prototype.
  const client: ConnectorClient = Object.assign(Object.create(connector), { conversations: Object.assign(Object.create(conversations), abortable) });
  turn.turnState.set(connectorClientKey, client);
}

export class OutboxSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wakeRequested = false;
  private stopped = false;
  private readonly opts: Required<Omit<SenderOptions, 'digestSections' | 'serviceUrls'>>;
  private readonly digestSections: DigestSections;
  private readonly serviceUrls: ServiceUrlPolicy | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    options: SenderOptions = {},
  ) {
    const { digestSections, serviceUrls, ...timing } = options;
    this.serviceUrls = serviceUrls;
    const leaseMs = timing.leaseMs ?? 60_000;
    // An attempt must be over (sent, failed or aborted) while its lease holds, or another process
    // may claim the entry and send it too: the send timeout leaves time in the lease for rendering
    // the card and writing the outcome.
    const sendTimeoutMs = timing.sendTimeoutMs ?? Math.min(30_000, leaseMs / 2);
    if (sendTimeoutMs >= leaseMs) throw new Error(`the outbox send timeout (${sendTimeoutMs} ms) must be shorter than its lease (${leaseMs} ms)`);
    this.opts = { pollMs: 1000, maxAttempts: 12, baseBackoffMs: 1000, maxBackoffMs: 5 * 60_000, ...timing, leaseMs, sendTimeoutMs };
    this.digestSections = digestSections ?? {};
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Ask for a pass now (something was just queued). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.wakeRequested = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.drain()
        .then(() => undefined)
        .catch((err) => this.ctx.log.warn({ err: String(err) }, 'outbox pass failed; will retry'))
        .finally(() => {
          this.running = null;
          const again = this.wakeRequested;
          this.wakeRequested = false;
          this.schedule(again ? 0 : this.opts.pollMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** One pass: sends everything that is due. Returns how many entries were sent. */
  async drain(): Promise<number> {
    const now = this.ctx.now().toISOString();
    const due = [
      ...(await this.ctx.records.outbox.find({ state: 'pending', nextAttemptAt: { $lte: now } }, { sort: { nextAttemptAt: 1 }, limit: 50 })),
      ...(await this.ctx.records.outbox.find({ state: 'sending', leaseUntil: { $lt: now } }, { limit: 50 })),
    ];
    let sent = 0;
    for (const entry of due) {
      if (this.stopped) break;
      const claimed = await this.ctx.records.outbox.updateIfVersion(entry._id, entry.version, {
        state: 'sending',
        leaseUntil: new Date(this.ctx.now().getTime() + this.opts.leaseMs).toISOString(),
      });
      if (!claimed) continue; // another process took it
      if (await this.deliver(claimed)) sent++;
    }
    return sent;
  }

  private async deliver(entry: OutboxDoc): Promise<boolean> {
    try {
      const { reference, inChannel } = await this.referenceFor(entry);
      const refused = this.serviceUrls && serviceUrlProblem(reference.serviceUrl ?? '', this.serviceUrls);
      if (refused) throw new PermanentFailure(refused);
      const activity = await this.activityFor(entry, inChannel);
      let original: OutboxDoc | null = null;
      if (entry.action === 'update') {
        original = await this.ctx.records.outbox.get(entry.updates!);
        if (!original || original.state === 'failed') throw new PermanentFailure('the message to update was never sent');
        if (original.state !== 'sent' || !original.activityId) throw new NotYet('the message to update is not sent yet');
      }
      // The send must be over while the lease holds, whatever the render took: the time it may
      // take is what is left of the lease (less a margin for recording the outcome), at most sendTimeoutMs.
      const leaseLeftMs = Date.parse(entry.leaseUntil!) - this.ctx.now().getTime() - Math.min(1000, this.opts.leaseMs / 4);
      if (leaseLeftMs <= 0) throw new LeaseRanOut('the lease ran out before the message could be sent');
      const activityId = await this.sendInTurn(reference, activity, original, Math.min(this.opts.sendTimeoutMs, leaseLeftMs));
      await this.ctx.records.outbox.updateIfVersion(entry._id, entry.version, {
        state: 'sent',
        leaseUntil: null,
        activityId,
        conversationId: (reference.conversation as { id: string }).id,
        sentAt: this.ctx.now().toISOString(),
        attempts: entry.attempts + 1,
        lastError: null,
      });
      return true;
    } catch (err) {
      await this.recordFailure(entry, err);
      return false;
    }
  }

  /**
   * Sends the message, or updates `original`'s, in a proactive turn; returns its activity id. The
   * connector calls are aborted after `timeoutMs`, for a connector that never answers.
   */
  private async sendInTurn(reference: Partial<ConversationReference>, activity: Partial<Activity>, original: OutboxDoc | null, timeoutMs: number): Promise<string | null> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    let activityId: string | null = null;
    // The bot's turn error handler (adapter.onTurnError) swallows an error thrown inside a turn, and
    // the entry would be marked sent: so the turn hands its error out, to be thrown here.
    let turnError: unknown = null;
    try {
      await this.adapter.continueConversationAsync(this.botAppId, reference, async (turn) => {
        try {
          abortConnectorCallsWith(turn, this.adapter.ConnectorClientKey, deadline.signal);
          if (original) {
            await turn.updateActivity({ ...activity, id: original.activityId!, conversation: turn.activity.conversation });
            activityId = original.activityId;
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

  private async recordFailure(entry: OutboxDoc, err: unknown): Promise<void> {
    if (err instanceof NoChatYet) {
      // Held, not failed: releaseHeldMessages queues it again when the person first opens the bot.
      const held = await this.ctx.records.outbox.updateIfVersion(entry._id, entry.version, { state: 'held', leaseUntil: null, lastError: err.message });
      this.ctx.log.info({ outboxId: entry._id }, 'message held until its recipient opens a chat with the bot');
      // Their first contact may have come while this was being tried: then it goes now.
      if (held && entry.recipient.kind === 'person' && (await this.ctx.records.conversations.get(`person:${entry.recipient.personId}`))) {
        await releaseHeldMessages(this.ctx, entry.recipient.personId);
      }
      return;
    }
    const attempts = entry.attempts + (err instanceof NotYet ? 0 : 1);
    const permanent = err instanceof PermanentFailure || (!(err instanceof NotYet) && (!isTransient(err) || attempts >= this.opts.maxAttempts));
    const backoff = Math.min(this.opts.maxBackoffMs, this.opts.baseBackoffMs * 2 ** Math.max(0, attempts - 1));
    const wait = Math.max(retryAfterMs(err), err instanceof NotYet ? this.opts.pollMs : backoff);
    const message = `${statusOf(err) ?? ''} ${err instanceof Error ? err.message : String(err)}`.trim().slice(0, 500);
    await this.ctx.records.outbox.updateIfVersion(entry._id, entry.version, {
      state: permanent ? 'failed' : 'pending',
      leaseUntil: null,
      attempts,
      lastError: message,
      nextAttemptAt: new Date(this.ctx.now().getTime() + wait).toISOString(),
    });
    const log = permanent ? this.ctx.log.error.bind(this.ctx.log) : this.ctx.log.warn.bind(this.ctx.log);
    log({ outboxId: entry._id, attempts, status: statusOf(err), retryInMs: permanent ? null : wait }, permanent ? 'message could not be delivered' : 'message delivery will be retried');
  }

  private async referenceFor(entry: OutboxDoc): Promise<{ reference: Partial<ConversationReference>; inChannel: boolean }> {
    const r = entry.recipient;
    if (r.kind === 'person') {
      const conversation = await this.ctx.records.conversations.get(`person:${r.personId}`);
      if (!conversation) throw new NoChatYet(`${r.personId} has no chat with the bot yet`);
      return { reference: conversation.reference as Partial<ConversationReference>, inChannel: false };
    }
    const channel = await this.ctx.records.conversations.get(`channel:${r.conversationId}`);
    if (channel) return { reference: channel.reference as Partial<ConversationReference>, inChannel: true };
    // A channel set from the command line: borrow the service URL and tenant of any known conversation.
    const any = await this.ctx.records.conversations.findOne({});
    if (!any) throw new PermanentFailure(`channel ${r.conversationId} is unknown to the bot`);
    const base = any.reference as Partial<ConversationReference>;
    return {
      reference: { ...base, conversation: { id: r.conversationId, isGroup: true, conversationType: 'channel', name: '', tenantId: base.conversation?.tenantId } },
      inChannel: true,
    };
  }

  private async activityFor(entry: OutboxDoc, inChannel: boolean): Promise<Partial<Activity>> {
    const content = entry.content;
    const asCard = (card: object, summary: string) => MessageFactory.attachment(CardFactory.adaptiveCard(card), summary);
    switch (content.kind) {
      case 'notice':
        return asCard(noticeCard(content.title, content.text, content.facts), content.title);
      case 'move-card': {
        const request = await this.ctx.records.moveRequests.get(content.ref);
        if (!request) throw new PermanentFailure(`move request ${content.ref} no longer exists`);
        const reader = entry.recipient.kind === 'person' ? await this.ctx.records.people.get(entry.recipient.personId) : null;
        const card = await renderMoveCard(this.ctx, request, content.view, { person: reader ? toPerson(reader) : null, shared: inChannel });
        return asCard(card, `Placement move request ${request.ref}`);
      }
      case 'digest': {
        const subscription = await this.ctx.records.digestSubscriptions.get(entry.recipient.kind === 'channel' ? entry.recipient.conversationId : '');
        const since = subscription ? digestSince(subscription, content.date) : null;
        const digest = await buildDigest(this.ctx, content.teams, content.date, since, this.digestSections);
        return asCard(digestCard(digest, this.ctx.now()), 'Placement stability digest');
      }
      case 'alert-card':
      case 'meeting-card':
      case 'meeting-invite':
      case 'meeting-offer': {
        const lastAttempt = entry.attempts + 1 >= this.opts.maxAttempts;
        const activity = await placementActivity(this.ctx, { ...entry, content }, { inChannel, lastAttempt });
        if (!activity) throw new PermanentFailure(`the ${content.kind} subject no longer exists`);
        return activity;
      }
      case 'task-reminder': {
        if (entry.recipient.kind !== 'person') throw new PermanentFailure('a task reminder goes to a person');
        const person = await this.ctx.records.people.get(entry.recipient.personId);
        if (!person) throw new PermanentFailure(`${entry.recipient.personId} is no longer on the roster`);
        const tasks = (await openTasksOf(this.ctx, toPerson(person))).filter((t) => t.dueDate <= content.date);
        return asCard(tasksCard(tasks, this.ctx.now(), { text: `Good morning: ${tasks.length} task${tasks.length === 1 ? ' is' : 's are'} due today or overdue.`, color: 'Attention' }), 'Tasks due');
      }
    }
  }
}
