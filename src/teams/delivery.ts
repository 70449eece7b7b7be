// The outbox delivery loop: claims what is due, renders it, hands it to the connector and marks the
// outcome. An entry is claimed with a version-checked update and a lease, so two bot processes never
// send the same entry; a process that dies mid-send leaves a lease that runs out, and the entry is
// tried again. When to retry and when to give up is the delivery policy's (domain/deliveryPolicy.ts);
// a message given up ends 'failed', is logged once, and what follows is done (services/undelivered.ts).
import type { Activity, CloudAdapter } from 'botbuilder';
import { afterFailure, DEFAULT_DELIVERY_POLICY, isLastAttempt, type DeliveryFailure, type DeliveryPolicy } from '../domain/deliveryPolicy';
import type { ServiceContext } from '../services/context';
import type { DigestSections } from '../services/digest';
import { changeTeamsMeetingEvent, createTeamsMeeting } from '../services/invitations';
import { releaseHeldMessages } from '../services/outbox';
import { failuresToFollowUp, followUpFailures } from '../services/undelivered';
import { conversationAddressOf, rememberConversation, rememberInstalledChat } from '../services/conversations';
import { toPerson } from '../services/people';
import {
  learnTeamMembers,
  memberAddressOf,
  takeTeamsToRead,
  TEAM_MEMBERS_FRESH_FOR_MS,
  TEAM_MEMBERS_REREAD_ON_DEMAND_AFTER_MS,
  teamMembersUnreadable,
  teamsToRead,
} from '../services/teamReach';
import { writeAudit } from '../services/audit';
import { GraphError, type GraphAppInstaller } from '../services/graph';
import type { ConversationAddress, OutboxDoc } from '../store/records';
import { outsideUnitOfWork } from '../store/unitOfWork';
import { connectorFailure, statusOf, TeamsConnector } from './connector';
import { renderOutboxEntry } from './outboxRenderer';
import { serviceUrlProblem, type ServiceUrlPolicy } from './serviceUrls';

/** How often one process may ask Graph to add the app for the same person. */
const APP_INSTALL_ASKED_EVERY_MS = 3_600_000;

export interface SenderOptions extends Partial<DeliveryPolicy> {
  pollMs?: number;
  /** How long a claimed entry is held; must be longer than sendTimeoutMs. Default: a minute. */
  leaseMs?: number;
  /**
   * How long one delivery's connector calls may take, the SDK's own retries included, before they
   * are aborted and the entry is retried later. Default: 30 s, or half the lease if that is shorter.
   */
  sendTimeoutMs?: number;
  /** Digest sections other features contribute (open alerts, meetings). */
  digestSections?: DigestSections;
  /** The connector calls (tests give one that answers as they say; without the team calls, nobody is reached through a team). */
  connector?: Pick<TeamsConnector, 'post'> & Partial<Pick<TeamsConnector, 'teamMembers' | 'createPersonalChat'>>;
  /** Adds the bot's app for someone in no team with it, through Graph (GRAPH_TEAMS_APP_ID); without it they wait until they open the bot. */
  appInstaller?: GraphAppInstaller;
  /** How often the loop looks for teams whose member list is due to be read (default: a minute; at once when a team is new). */
  teamCheckMs?: number;
  /** The service URLs the bot may call: a stored reference naming another is never sent to. */
  serviceUrls?: ServiceUrlPolicy;
}

/** An attempt that did not get as far as Teams, with what it means for the policy. */
class NotDelivered extends Error {
  constructor(
    readonly failure: DeliveryFailure,
    message: string,
  ) {
    super(message);
  }
}
/** The person has never opened a chat with the bot, so Teams gives it no way to reach them yet. */
class NoChatYet extends Error {}

export class OutboxSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wakeRequested = false;
  private stopped = false;
  private readonly policy: DeliveryPolicy;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly sendTimeoutMs: number;
  private readonly digestSections: DigestSections;
  private readonly connector: NonNullable<SenderOptions['connector']>;
  private readonly serviceUrls: ServiceUrlPolicy | undefined;
  private readonly teamCheckMs: number;
  private readonly appInstaller: GraphAppInstaller | undefined;
  /** When this process last asked Graph to add the app for each person. */
  private readonly installAskedAt = new Map<string, number>();
  private lastTeamCheck = 0;

  constructor(
    private readonly ctx: ServiceContext,
    adapter: CloudAdapter,
    botAppId: string,
    options: SenderOptions = {},
  ) {
    const { digestSections, connector, pollMs, leaseMs, sendTimeoutMs, serviceUrls, teamCheckMs, appInstaller, ...policy } = options;
    this.appInstaller = appInstaller;
    this.serviceUrls = serviceUrls;
    this.teamCheckMs = teamCheckMs ?? 60_000;
    this.leaseMs = leaseMs ?? 60_000;
    // An attempt must be over (sent, failed or aborted) while its lease holds, or another process
    // may claim the entry and send it too: the send timeout leaves time in the lease for rendering
    // the card and writing the outcome.
    this.sendTimeoutMs = sendTimeoutMs ?? Math.min(30_000, this.leaseMs / 2);
    if (this.sendTimeoutMs >= this.leaseMs) throw new Error(`the outbox send timeout (${this.sendTimeoutMs} ms) must be shorter than its lease (${this.leaseMs} ms)`);
    this.pollMs = pollMs ?? 1000;
    this.policy = { ...DEFAULT_DELIVERY_POLICY, waitForOriginalMs: this.pollMs, ...stripUndefined(policy) };
    this.digestSections = digestSections ?? {};
    this.connector = connector ?? new TeamsConnector(adapter, botAppId);
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
    // A pass woken by a turn is not part of that turn's unit of work: it reads the store afresh.
    this.timer = setTimeout(
      () =>
        outsideUnitOfWork(() => {
          this.timer = null;
          this.running = this.drain()
            .then(() => undefined)
            .catch((err) => this.ctx.log.warn({ err: String(err) }, 'outbox pass failed; will retry'))
            .finally(() => {
              this.running = null;
              const again = this.wakeRequested;
              this.wakeRequested = false;
              this.schedule(again ? 0 : this.pollMs);
            });
        }),
      ms,
    );
    this.timer.unref();
  }

  /** One pass: sends everything that is due, and follows up failures left unfollowed. Returns how many entries were sent. */
  async drain(): Promise<number> {
    await this.readTeamsIfDue();
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
        leaseUntil: new Date(this.ctx.now().getTime() + this.leaseMs).toISOString(),
      });
      if (!claimed) continue; // another process took it
      if (await this.deliver(claimed)) sent++;
    }
    if (!this.stopped) await followUpFailures(this.ctx, await failuresToFollowUp(this.ctx));
    return sent;
  }

  private ageMs(entry: OutboxDoc): number {
    return this.ctx.now().getTime() - Date.parse(entry.createdAt);
  }

  private async deliver(entry: OutboxDoc): Promise<boolean> {
    try {
      const { address, inChannel } = await this.addressFor(entry);
      const refused = this.serviceUrls && serviceUrlProblem(address.serviceUrl, this.serviceUrls);
      if (refused) throw new NotDelivered({ kind: 'permanent', reason: refused }, refused);
      let replaces: string | null = null;
      if (entry.action === 'update') {
        const original = await this.ctx.records.outbox.get(entry.updates!);
        if (!original || original.state === 'failed')
          throw new NotDelivered({ kind: 'permanent', reason: 'the card it updates was never delivered' }, 'the message to update was never sent');
        if (original.state !== 'sent' || !original.activityId) throw new NotDelivered({ kind: 'waiting' }, 'the message to update is not sent yet');
        replaces = original.activityId;
      }
      await this.beforeRendering(entry);
      const rendered = await renderOutboxEntry(this.ctx, entry, { inChannel, digestSections: this.digestSections });
      if ('gone' in rendered) throw new NotDelivered({ kind: 'permanent', reason: rendered.gone }, rendered.gone);
      // The send must be over while the lease holds, whatever the render took: the time it may
      // take is what is left of the lease (less a margin for recording the outcome), at most sendTimeoutMs.
      const leaseLeftMs = Date.parse(entry.leaseUntil!) - this.ctx.now().getTime() - Math.min(1000, this.leaseMs / 4);
      if (leaseLeftMs <= 0) throw new NotDelivered({ kind: 'transient' }, 'the lease ran out before the message could be sent');
      const activityId = await this.connector.post(address, rendered as Partial<Activity>, replaces, Math.min(this.sendTimeoutMs, leaseLeftMs));
      await this.ctx.records.outbox.updateIfVersion(entry._id, entry.version, {
        state: 'sent',
        leaseUntil: null,
        activityId,
        conversationId: address.conversationId,
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
   * Side effects that must happen before a message can be rendered: a meeting invitation first
   * creates the Teams meeting through Graph (a transient failure is thrown, so the entry is retried;
   * on its last attempt a failure falls back to cards with calendar files); a rescheduled or
   * cancelled meeting first moves or cancels its calendar event the same way (on its last attempt a
   * failure is recorded and the organiser asked to change the event themselves).
   */
  private async beforeRendering(entry: OutboxDoc): Promise<void> {
    const lastAttempt = isLastAttempt(this.policy, entry.attempts, this.ageMs(entry));
    if (entry.content.kind === 'meeting-invite') await createTeamsMeeting(this.ctx, entry.content.ref, { lastAttempt });
    if (entry.content.kind === 'meeting-event-change') await changeTeamsMeetingEvent(this.ctx, entry.content.ref, entry.content.sequence, { lastAttempt });
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
    const failure = err instanceof NotDelivered ? err.failure : connectorFailure(err, this.ctx.now().getTime());
    const verdict = afterFailure(this.policy, failure, entry.attempts, this.ageMs(entry));
    const status = statusOf(err);
    const detail = `${status ?? ''} ${err instanceof Error ? err.message : String(err)}`.trim().slice(0, 300);
    if (verdict.retry) {
      await this.ctx.records.outbox.updateIfVersion(entry._id, entry.version, {
        state: 'pending',
        leaseUntil: null,
        attempts: verdict.attempts,
        lastError: detail,
        nextAttemptAt: new Date(this.ctx.now().getTime() + verdict.waitMs).toISOString(),
      });
      // Retries are routine: logged at debug only, so a message retried for hours is one line (its failure), not thousands.
      this.ctx.log.debug({ outboxId: entry._id, attempts: verdict.attempts, status, retryInMs: verdict.waitMs }, 'message delivery will be retried');
      return;
    }
    const lastError = verdict.reason === detail || failure.kind === 'permanent' ? verdict.reason : `${verdict.reason}; last error: ${detail}`;
    const failed = await this.ctx.records.outbox.updateIfVersion(entry._id, entry.version, {
      state: 'failed',
      leaseUntil: null,
      attempts: verdict.attempts,
      lastError: lastError.slice(0, 500),
      failedAt: this.ctx.now().toISOString(),
      followedUp: false,
    });
    if (!failed) return;
    this.ctx.log.error({ outboxId: entry._id, attempts: verdict.attempts, status, reason: verdict.reason }, 'message could not be delivered');
    await followUpFailures(this.ctx, [failed]);
  }

  private async addressFor(entry: OutboxDoc): Promise<{ address: ConversationAddress; inChannel: boolean }> {
    const r = entry.recipient;
    if (r.kind === 'person') {
      const conversation = await this.ctx.records.conversations.get(`person:${r.personId}`);
      if (conversation) return { address: conversationAddressOf(conversation), inChannel: false };
      const started = (await this.startChatThroughTeam(r.personId, entry)) ?? (await this.addAppThroughGraph(r.personId));
      if (!started) throw new NoChatYet(`${r.personId} has no chat with the bot yet`);
      return { address: started, inChannel: false };
    }
    const channel = await this.ctx.records.conversations.get(`channel:${r.conversationId}`);
    if (channel) return { address: conversationAddressOf(channel), inChannel: true };
    // A channel set from the command line: borrow the service URL, tenant and bot id of any known conversation.
    const any = await this.ctx.records.conversations.findOne({});
    if (!any) throw new NotDelivered({ kind: 'permanent', reason: `channel ${r.conversationId} is unknown to the bot` }, `channel ${r.conversationId} is unknown to the bot`);
    return { address: { ...conversationAddressOf(any), conversationId: r.conversationId, conversationType: 'channel', userAadId: null }, inChannel: true };
  }

  /**
   * Asks Graph to add the bot's app for someone it cannot reach otherwise. Teams then tells the bot
   * of the new chat (conversationUpdate), which is remembered and releases what was held for them:
   * null, and the message is held meanwhile. When the app was already there (409: the bot lost their
   * address), Teams tells the bot nothing new, so the installation's chat is read instead and the
   * message goes to it now. Asked at most once an hour per person by this process. Graph refusing
   * (no permission, no such user) fails the message for good, so its fallback follows; Graph
   * unavailable is retried.
   */
  private async addAppThroughGraph(personId: string): Promise<ConversationAddress | null> {
    if (!this.appInstaller) return null;
    const last = this.installAskedAt.get(personId);
    if (last !== undefined && Date.now() - last < APP_INSTALL_ASKED_EVERY_MS) return null;
    const doc = await this.ctx.records.people.get(personId);
    if (!doc) return null;
    const user = doc.aadObjectId ?? doc._id;
    const result = await this.askGraph(personId, 'add the app for them', () => this.appInstaller!.installFor(user));
    await writeAudit(this.ctx, { actor: 'bot', action: 'teams-app.added-for-person', subject: personId, details: { result } });
    this.ctx.log.info({ personId, result }, 'asked Microsoft Graph to add the app for someone who never opened the bot');
    if (result === 'installed') {
      this.installAskedAt.set(personId, Date.now());
      return null;
    }
    const chatId = await this.askGraph(personId, 'find their chat with the bot', () => this.appInstaller!.chatOfInstallation(user));
    await writeAudit(this.ctx, { actor: 'bot', action: 'teams-app.chat-read-for-person', subject: personId, details: { found: chatId !== null } });
    this.installAskedAt.set(personId, Date.now());
    if (!chatId) return null;
    const address = await rememberInstalledChat(this.ctx, toPerson(doc), chatId);
    if (address) this.ctx.log.info({ personId }, 'the app was already added for them: their chat with the bot was read from Microsoft Graph');
    return address;
  }

  /** A Graph call for the delivery of a message: a lasting failure fails the message for good, a passing one is retried. */
  private async askGraph<T>(personId: string, what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      const why = `Microsoft Graph could not ${what}: ${err instanceof Error ? err.message : String(err)}`;
      this.ctx.log.warn({ personId, status: statusOf(err) }, why);
      if (err instanceof GraphError && err.transient) throw new NotDelivered({ kind: 'transient' }, why);
      throw new NotDelivered({ kind: 'permanent', reason: why }, why);
    }
  }

  // --- Reaching people through the teams the bot is in (services/teamReach.ts) ---------------------

  /** The member lists due to be read: a team new or changed in this process at once, else every teamCheckMs. */
  private async readTeamsIfDue(): Promise<void> {
    if (!this.connector.teamMembers) return;
    const flagged = takeTeamsToRead(this.ctx);
    const now = Date.now();
    if (!flagged && now - this.lastTeamCheck < this.teamCheckMs) return;
    this.lastTeamCheck = now;
    await this.readTeams(TEAM_MEMBERS_FRESH_FOR_MS);
  }

  /** Reads the member list of every team whose list is older than `olderThanMs`; returns how many were read. */
  private async readTeams(olderThanMs: number): Promise<number> {
    if (!this.connector.teamMembers) return 0;
    let read = 0;
    for (const team of await teamsToRead(this.ctx, olderThanMs)) {
      if (this.stopped) break;
      const address = conversationAddressOf(team);
      const refused = this.serviceUrls && serviceUrlProblem(address.serviceUrl, this.serviceUrls);
      try {
        if (refused) throw new Error(refused);
        await learnTeamMembers(this.ctx, team, await this.connector.teamMembers(address, this.sendTimeoutMs));
        read++;
      } catch (err) {
        // Not read again until it is due: a bot removed from a team is not asked every second.
        await teamMembersUnreadable(this.ctx, team);
        this.ctx.log.warn({ team: team.conversationId, status: statusOf(err), err: err instanceof Error ? err.message : String(err) }, 'could not read the member list of a team');
      }
    }
    return read;
  }

  /**
   * The address of a new one-to-one chat with `personId`, started through a team of the bot's that
   * has them as a member; null when no team has them (the team lists are read again first, if they
   * are older than TEAM_MEMBERS_REREAD_ON_DEMAND_AFTER_MS). Teams refusing (403: the app blocked or
   * not allowed for them) or throttling (429) is thrown as for a send, and the policy decides.
   */
  private async startChatThroughTeam(personId: string, entry: OutboxDoc): Promise<ConversationAddress | null> {
    if (!this.connector.createPersonalChat) return null;
    let member = await memberAddressOf(this.ctx, personId);
    if (!member && (await this.readTeams(TEAM_MEMBERS_REREAD_ON_DEMAND_AFTER_MS)) > 0) member = await memberAddressOf(this.ctx, personId);
    if (!member) return null;
    const refused = this.serviceUrls && serviceUrlProblem(member.serviceUrl, this.serviceUrls);
    if (refused) throw new NotDelivered({ kind: 'permanent', reason: refused }, refused);
    const person = await this.ctx.records.people.get(personId);
    if (!person) throw new NotDelivered({ kind: 'permanent', reason: `${personId} is not on the roster` }, `${personId} is not on the roster`);
    const leaseLeftMs = Date.parse(entry.leaseUntil!) - this.ctx.now().getTime() - Math.min(1000, this.leaseMs / 4);
    if (leaseLeftMs <= 0) throw new NotDelivered({ kind: 'transient' }, 'the lease ran out before the chat could be started');
    const address = await this.connector.createPersonalChat(member, member.teamsUserId, member.userAadId, Math.min(this.sendTimeoutMs, leaseLeftMs));
    // From now on they are reached like anyone who opened the bot (and what was held for them goes too).
    await rememberConversation(this.ctx, toPerson(person), { kind: 'personal', address });
    this.ctx.log.info({ personId }, 'started a chat through a team the bot is in');
    return address;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
