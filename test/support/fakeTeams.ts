// A stand-in for the Teams side of the Bot Framework, for end-to-end tests over real HTTP:
// - `FakeConnector` is the connector service the bot calls back (serviceUrl): it records every
//   message the bot sends or updates, answers member look-ups, and can be told to fail or to hold
//   a call open without answering;
// - `TeamsUser` posts Teams-shaped activities (messages, Action.Execute invokes) to the bot's
//   /api/messages, as the Teams service would, in the user's personal chat or (`in(...)`) in a
//   channel, group chat or meeting chat;
// - the connector knows which conversations are personal, so `sharedLeaks` can check everything the
//   bot showed in a shared one (messages, updates and the cards it answered presses with) for a
//   child's name or a worker's free text (the harness runs it when every end-to-end test stops).
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { findReceivedButton, latestCards, type ButtonChoice, type CardVersion, type ReceivedCard } from './receivedCards';

export { cardActions, cardText } from './cardContent';

export interface SentActivity {
  conversationId: string;
  activityId: string;
  kind: 'send' | 'update';
  activity: {
    type: string;
    text?: string;
    attachments?: Array<{ contentType: string; content: any }>;
    [key: string]: unknown;
  };
}

export interface Member {
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
}

type Failure = { status: number; retryAfter?: string };

/**
 * A send or update the connector takes but never answers. `recorded`: the message was posted all
 * the same and only the answer is lost (as when Teams is slow); otherwise it was not (as when a
 * proxy's upstream timed out).
 */
type Hold = { conversationId: string; recorded: boolean };

/** A channel, group chat or meeting chat: everyone in it sees what the bot shows there. */
export interface SharedConversation {
  id: string;
  type: 'channel' | 'groupChat';
  /** For a meeting's chat (a group chat with the meeting's id). */
  meetingId?: string;
}

export class FakeConnector {
  readonly activities: SentActivity[] = [];
  /** The users' own chats with the bot; every other conversation is shared. */
  readonly personalConversations = new Set<string>();
  /** Cards the bot answered a press in a shared conversation with (they replace the card there). */
  readonly sharedInvokeResponses: Array<{ conversationId: string; card: unknown }> = [];
  readonly members = new Map<string, Member>();
  /** The member lists of the teams the bot is in, by team id (GET /v3/conversations/{team}/pagedmembers). */
  readonly teamMembers = new Map<string, Member[]>();
  /** One-to-one chats the bot started (POST /v3/conversations), with the member's Teams user id. */
  readonly createdChats: Array<{ conversationId: string; memberId: string; tenantId: string | null }> = [];
  /** Members a new chat with is refused, with the status (the app blocked, or not allowed for them). */
  private readonly refusingChatWith = new Map<string, number>();
  private chatFailures: Failure[] = [];
  /** How many new chats were asked for, refused or not. */
  chatRequests = 0;
  /** How many member-list pages were served (a list is served two members a page, to exercise paging). */
  memberPagesServed = 0;
  private failures: Failure[] = [];
  private readonly refusing = new Map<string, number>();
  private holds: Hold[] = [];
  private readonly heldOpen = new Set<http.ServerResponse>();
  /** Held calls the bot gave up on: it closed the request rather than leave it waiting. */
  abandonedCalls = 0;
  private server: http.Server | null = null;
  private waiters: Array<() => void> = [];
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    for (const res of this.heldOpen) res.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The next sends or updates fail with these responses, in order. */
  failNext(...failures: Failure[]): void {
    this.failures.push(...failures);
  }

  /** Every send or update to `conversationId` is refused with `status` from now on (a chat gone, the app removed). */
  refuse(conversationId: string, status: number): void {
    this.refusing.set(conversationId, status);
  }

  /** The bot is in team `teamId`, whose members are these (served two a page). */
  serveTeam(teamId: string, members: Member[]): void {
    this.teamMembers.set(teamId, members);
    for (const m of members) this.members.set(m.id, m);
  }

  /** The next new one-to-one chats fail with these responses, in order (429 with Retry-After: Teams throttling). */
  failNextChats(...failures: Failure[]): void {
    this.chatFailures.push(...failures);
  }

  /** Starting a one-to-one chat with `member` is refused with `status` from now on. */
  refuseChatWith(member: Member, status: number): void {
    this.refusingChatWith.set(member.id, status);
  }

  /** The id of the personal chat of `member` (the same as TeamsUser's), as Teams answers a new chat with them. */
  static personalChatId(member: Member): string {
    return `a:personal-${member.aadObjectId}`;
  }

  /** The next `count` sends or updates to `conversationId` are held open and never answered. */
  holdNext(count: number, conversationId: string, { recorded = false } = {}): void {
    for (let i = 0; i < count; i++) this.holds.push({ conversationId, recorded });
  }

  /**
   * Every place a forbidden string (a child's name, a stored free text) appears in what the bot
   * showed in a shared conversation; empty when there is none.
   */
  sharedLeaks(forbidden: string[]): string[] {
    const needles = [...new Set(forbidden.map((f) => f.trim()).filter((f) => f.length >= 4))];
    const shown = [
      ...this.activities.filter((a) => !this.personalConversations.has(a.conversationId)).map((a) => ({ where: `${a.kind} to ${a.conversationId}`, what: a.activity })),
      ...this.sharedInvokeResponses.map((r) => ({ where: `press answered in ${r.conversationId}`, what: r.card })),
    ];
    const leaks: string[] = [];
    for (const { where, what } of shown) {
      // Every string of it, with Markdown escapes undone, so that "Riley\\_Sample" hides nothing.
      const text = stringsOf(what)
        .join('\n')
        .replace(/\\([\\`*_[\]<>~])/g, '$1')
        .toLowerCase();
      for (const needle of needles) if (text.includes(needle.toLowerCase())) leaks.push(`${where}: "${needle}"`);
    }
    return leaks;
  }

  sentTo(conversationId: string): SentActivity[] {
    return this.activities.filter((a) => a.conversationId === conversationId);
  }

  /** Resolves when `predicate` holds for what has been sent (checked after each new call). */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) throw new Error('timed out waiting for the bot to send a message');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const parsed = new URL(req.url ?? '/', 'http://connector');
      const url = decodeURIComponent(parsed.pathname);
      const paged = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(url);
      if (req.method === 'GET' && paged) return this.servePage(res, paged[1], parsed.searchParams.get('continuationToken'));
      if (req.method === 'POST' && url === '/v3/conversations') return this.createChat(res, JSON.parse(body || '{}'));
      const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(url);
      if (req.method === 'GET' && member) {
        const found = [...this.members.values()].find((m) => m.id === member[2] || m.aadObjectId === member[2]);
        return this.reply(res, found ? 200 : 404, found ? { ...found, userPrincipalName: found.email } : { error: { code: 'MemberNotFoundInConversation' } });
      }
      const activityPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url);
      if (!activityPath || !['POST', 'PUT'].includes(req.method ?? '')) return this.reply(res, 404, {});
      const conversationId = activityPath[1];
      const isUpdate = req.method === 'PUT';
      const activityId = isUpdate ? activityPath[2] : `msg-${randomUUID()}`;
      const activity = JSON.parse(body || '{}');
      const hold = this.holds.findIndex((h) => h.conversationId === conversationId);
      if (hold >= 0) {
        const [{ recorded }] = this.holds.splice(hold, 1);
        if (recorded) this.activities.push({ conversationId, activityId, kind: isUpdate ? 'update' : 'send', activity });
        this.heldOpen.add(res);
        res.on('close', () => {
          this.heldOpen.delete(res);
          this.abandonedCalls++;
          this.wakeWaiters();
        });
        return this.wakeWaiters();
      }
      const refusal = this.refusing.get(conversationId);
      const failure = refusal ? { status: refusal } : this.failures.shift();
      if (failure) {
        if (failure.retryAfter) res.setHeader('Retry-After', failure.retryAfter);
        return this.reply(res, failure.status, { error: { code: 'Throttled', message: `injected ${failure.status}` } });
      }
      this.activities.push({ conversationId, activityId, kind: isUpdate ? 'update' : 'send', activity });
      this.reply(res, 200, { id: activityId });
      this.wakeWaiters();
    });
  }

  /** A page of a team's members: two at a time, the token saying where the next page starts. */
  private servePage(res: http.ServerResponse, teamId: string, token: string | null): void {
    const members = this.teamMembers.get(teamId);
    if (!members) return this.reply(res, 404, { error: { code: 'ConversationNotFound' } });
    const start = token ? Number(token) : 0;
    const page = members.slice(start, start + 2);
    this.memberPagesServed++;
    const next = start + 2 < members.length ? String(start + 2) : undefined;
    this.reply(res, 200, {
      members: page.map((m) => ({ id: m.id, name: m.name, aadObjectId: m.aadObjectId, email: m.email, userPrincipalName: m.email, tenantId: TENANT, userRole: 'user' })),
      ...(next ? { continuationToken: next } : {}),
    });
  }

  /** A new one-to-one chat with a member of a team: refused as told, else the member's personal chat id. */
  private createChat(
    res: http.ServerResponse,
    parameters: { isGroup?: boolean; members?: Array<{ id?: string }>; tenantId?: string; channelData?: { tenant?: { id?: string } } },
  ): void {
    const memberId = parameters.members?.[0]?.id ?? '';
    const member = this.members.get(memberId);
    if (parameters.isGroup || parameters.members?.length !== 1 || !member) return this.reply(res, 400, { error: { code: 'BadArgument', message: 'one member is needed' } });
    this.chatRequests++;
    const refusal = this.refusingChatWith.get(memberId);
    if (refusal) return this.reply(res, refusal, { error: { code: 'Forbidden', message: 'The bot is not allowed to start a chat with this user' } });
    const failure = this.chatFailures.shift();
    if (failure) {
      if (failure.retryAfter) res.setHeader('Retry-After', failure.retryAfter);
      return this.reply(res, failure.status, { error: { code: 'Throttled', message: `injected ${failure.status}` } });
    }
    const conversationId = FakeConnector.personalChatId(member);
    this.personalConversations.add(conversationId);
    this.createdChats.push({ conversationId, memberId, tenantId: parameters.tenantId ?? parameters.channelData?.tenant?.id ?? null });
    this.reply(res, 201, { id: conversationId });
    this.wakeWaiters();
  }

  private wakeWaiters(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private reply(res: http.ServerResponse, status: number, body: object): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

export function firstCard(activity: SentActivity['activity']): any {
  return activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** A Teams user talking to the bot: in their personal chat, or (`in`) in a shared conversation. */
export class TeamsUser {
  readonly conversationId: string;
  /** Cards put in place of a pressed one (the invoke response), with how many connector calls had been made by then. */
  private readonly responses: Array<{ after: number; messageId: string; card: any }> = [];

  constructor(
    readonly member: Member,
    private readonly botUrl: () => string,
    private readonly connector: FakeConnector,
    private readonly shared: SharedConversation | null = null,
  ) {
    this.conversationId = shared ? shared.id : `a:personal-${member.aadObjectId}`;
    if (!shared) connector.personalConversations.add(this.conversationId);
    connector.members.set(member.id, member);
  }

  /** The same person in a channel, group chat or meeting chat. */
  in(conversation: SharedConversation): TeamsUser {
    return new TeamsUser(this.member, this.botUrl, this.connector, conversation);
  }

  private base(type: string) {
    const shared = this.shared;
    const channelData = !shared
      ? { tenant: { id: TENANT } }
      : shared.type === 'channel'
        ? { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: shared.id } }
        : { tenant: { id: TENANT }, ...(shared.meetingId ? { meeting: { id: shared.meetingId } } : {}) };
    return {
      type,
      id: `act-${randomUUID()}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      from: { id: this.member.id, name: this.member.name, aadObjectId: this.member.aadObjectId },
      recipient: { id: '28:bot-id', name: 'Placement Stability Bot' },
      conversation: { id: this.conversationId, conversationType: shared?.type ?? 'personal', tenantId: TENANT, ...(shared ? { isGroup: true } : {}) },
      channelData,
      locale: 'en-GB',
    };
  }

  async post(activity: object): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.botUrl()}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** Sends a chat message; resolves with what the bot said back in this chat. */
  async say(text: string): Promise<SentActivity[]> {
    const before = this.connector.sentTo(this.conversationId).length;
    // In a shared conversation the bot hears only messages that @mention it.
    const mention = this.shared
      ? {
          text: `<at>Placement Stability Bot</at> ${text}`,
          entities: [{ type: 'mention', mentioned: { id: '28:bot-id', name: 'Placement Stability Bot' }, text: '<at>Placement Stability Bot</at>' }],
        }
      : { text };
    const { status } = await this.post({ ...this.base('message'), ...mention });
    if (status >= 300) throw new Error(`bot answered ${status}`);
    return this.connector.sentTo(this.conversationId).slice(before);
  }

  /** A conversationUpdate here saying these members were added (`'bot'` for the bot: it was installed in the team). */
  async added(...members: Array<Member | 'bot'>): Promise<{ status: number; body: any }> {
    const membersAdded = members.map((m) => (m === 'bot' ? { id: '28:bot-id', name: 'Placement Stability Bot' } : { id: m.id, name: m.name, aadObjectId: m.aadObjectId }));
    return this.post({ ...this.base('conversationUpdate'), membersAdded });
  }

  /** A conversationUpdate here saying these members were removed (`'bot'` for the bot: it was removed from the team). */
  async removed(...members: Array<Member | 'bot'>): Promise<{ status: number; body: any }> {
    const membersRemoved = members.map((m) => (m === 'bot' ? { id: '28:bot-id', name: 'Placement Stability Bot' } : { id: m.id, name: m.name, aadObjectId: m.aadObjectId }));
    return this.post({ ...this.base('conversationUpdate'), membersRemoved });
  }

  /** Every card this user has received in their chat, latest version of each, newest first. */
  receivedCards(): ReceivedCard[] {
    const versions: Array<CardVersion & { at: number }> = [];
    this.connector.activities.forEach((a, i) => {
      if (a.conversationId === this.conversationId) versions.push({ at: i, messageId: a.activityId, card: firstCard(a.activity) });
    });
    for (const r of this.responses) versions.push({ at: r.after - 0.5, messageId: r.messageId, card: r.card });
    return latestCards(versions.sort((a, b) => a.at - b.at));
  }

  /**
   * Presses the button titled `title` on the newest card this user received that has it (see
   * receivedCards.ts), with `inputs` typed into the card; refuses when no received card has it.
   * The response card takes the pressed card's place, as Teams shows it.
   */
  async pressButton(title: string, inputs: Record<string, unknown> = {}, choice: ButtonChoice = {}): Promise<{ status: number; body: any }> {
    const button = findReceivedButton(this.member.name, this.receivedCards(), title, inputs, choice);
    const response = await this.press(button.verb, button.data, button.messageId);
    if (response.body?.type === 'application/vnd.microsoft.card.adaptive') {
      this.responses.push({ after: this.connector.activities.length, messageId: button.messageId, card: response.body.value });
    }
    return response;
  }

  /** Posts an Action.Execute invoke directly, as a forged or stale card would (for refusal tests only: flows use pressButton). */
  async press(verb: string, data: Record<string, unknown>, replyToId = `msg-${randomUUID()}`): Promise<{ status: number; body: any }> {
    const answer = await this.post({
      ...this.base('invoke'),
      name: 'adaptiveCard/action',
      replyToId,
      value: { action: { type: 'Action.Execute', verb, data } },
    });
    if (this.shared && answer.body?.value) this.connector.sharedInvokeResponses.push({ conversationId: this.conversationId, card: answer.body.value });
    return answer;
  }
}

/** Every string value in an activity or card, however deep. */
function stringsOf(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(stringsOf);
  if (node && typeof node === 'object') return Object.values(node).flatMap(stringsOf);
  return [];
}
