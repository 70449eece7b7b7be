// A stand-in for the Teams side of the Bot Framework, for end-to-end tests over real HTTP:
// - `FakeConnector` is the connector service the bot calls back (serviceUrl): it records every
//   message the bot sends or updates, answers member look-ups, and can be told to fail or to hold
//   a call open without answering;
// - `TeamsUser` posts Teams-shaped activities (messages, Action.Execute invokes) to the bot's
//   /api/messages, as the Teams service would.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

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

export class FakeConnector {
  readonly activities: SentActivity[] = [];
  readonly members = new Map<string, Member>();
  private failures: Failure[] = [];
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

  /** The next `count` sends or updates to `conversationId` are held open and never answered. */
  holdNext(count: number, conversationId: string, { recorded = false } = {}): void {
    for (let i = 0; i < count; i++) this.holds.push({ conversationId, recorded });
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
      const url = decodeURIComponent(req.url ?? '');
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
      const failure = this.failures.shift();
      if (failure) {
        if (failure.retryAfter) res.setHeader('Retry-After', failure.retryAfter);
        return this.reply(res, failure.status, { error: { code: 'Throttled', message: `injected ${failure.status}` } });
      }
      this.activities.push({ conversationId, activityId, kind: isUpdate ? 'update' : 'send', activity });
      this.reply(res, 200, { id: activityId });
      this.wakeWaiters();
    });
  }

  private wakeWaiters(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private reply(res: http.ServerResponse, status: number, body: object): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

/** The text of every TextBlock and fact in a card, for assertions that read like what a person sees. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (typeof n.text === 'string') parts.push(n.text);
      if (typeof n.title === 'string' && typeof n.value === 'string') parts.push(`${n.title}: ${n.value}`);
      if (typeof n.title === 'string' && typeof n.type === 'string' && n.type.startsWith('Action.')) parts.push(`[${n.title}]`);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return parts.join('\n');
}

/** The Action.Execute buttons of a card: title -> { verb, data }. */
export function cardActions(card: unknown): Map<string, { verb: string; data: Record<string, unknown> }> {
  const actions = new Map<string, { verb: string; data: Record<string, unknown> }>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Execute') actions.set(String(n.title), { verb: String(n.verb), data: (n.data as Record<string, unknown>) ?? {} });
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return actions;
}

export function firstCard(activity: SentActivity['activity']): any {
  return activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** A Teams user talking to the bot in their personal chat. */
export class TeamsUser {
  readonly conversationId: string;

  constructor(
    readonly member: Member,
    private readonly botUrl: () => string,
    private readonly connector: FakeConnector,
  ) {
    this.conversationId = `a:personal-${member.aadObjectId}`;
    connector.members.set(member.id, member);
  }

  private base(type: string) {
    return {
      type,
      id: `act-${randomUUID()}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      from: { id: this.member.id, name: this.member.name, aadObjectId: this.member.aadObjectId },
      recipient: { id: '28:bot-id', name: 'Placement Stability Bot' },
      conversation: { id: this.conversationId, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
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
    const { status } = await this.post({ ...this.base('message'), text });
    if (status >= 300) throw new Error(`bot answered ${status}`);
    return this.connector.sentTo(this.conversationId).slice(before);
  }

  /** Presses an Action.Execute button (with the inputs' values); resolves with the invoke response. */
  async press(verb: string, data: Record<string, unknown>, replyToId = `msg-${randomUUID()}`): Promise<{ status: number; body: any }> {
    return this.post({
      ...this.base('invoke'),
      name: 'adaptiveCard/action',
      replyToId,
      value: { action: { type: 'Action.Execute', verb, data } },
    });
  }
}
