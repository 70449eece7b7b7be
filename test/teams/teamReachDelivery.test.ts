// The delivery loop reaching someone with no chat through a team the bot is in, with a connector
// that answers as each test says: the team lists are read again before someone is held (when they
// are older than ten minutes), and the service URL check applies to the chat it starts.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CloudAdapter } from 'botbuilder';
import type { ServiceContext } from '../../src/services/context';
import { enqueue } from '../../src/services/outbox';
import { importRoster } from '../../src/services/rosterImport';
import { TEAM_MEMBERS_REREAD_ON_DEMAND_AFTER_MS, type TeamMember } from '../../src/services/teamReach';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import type { Store } from '../../src/store/collection';
import type { ConversationAddress, ConversationDoc } from '../../src/store/records';
import { OutboxSender } from '../../src/teams/delivery';
import { serviceContextOn } from '../support/backends';

const EXAMPLES = path.resolve(__dirname, '../../examples');
const NOW = Date.parse('2026-11-23T10:00:00Z');
const HARRY: TeamMember = { teamsUserId: '29:harry', aadObjectId: '00000000-0000-0000-0000-00000000a004', email: 'harry.hos@example.org' };

/** A connector that records the calls about teams and answers every send. */
function connector(members: TeamMember[]) {
  const calls: string[] = [];
  return {
    calls,
    post: async (address: ConversationAddress) => {
      calls.push(`post ${address.conversationId}`);
      return 'activity-1';
    },
    teamMembers: async (team: ConversationAddress) => {
      calls.push(`members ${team.conversationId}`);
      return members;
    },
    createPersonalChat: async (team: ConversationAddress, teamsUserId: string, userAadId: string | null) => {
      calls.push(`create ${teamsUserId}`);
      return { ...team, conversationId: `a:${teamsUserId}`, conversationType: 'personal', userAadId };
    },
  };
}

describe('starting a chat through a team when delivering', () => {
  let store: Store;
  let ctx: ServiceContext;
  const team = (serviceUrl: string, readMinutesAgo: number): ConversationDoc => ({
    _id: 'team:19:team@thread.tacv2',
    version: 1,
    kind: 'team',
    personId: null,
    conversationId: '19:team@thread.tacv2',
    serviceUrl,
    tenantId: 'tenant-1',
    botId: '28:bot',
    conversationType: 'channel',
    userAadId: null,
    membersReadAt: new Date(NOW - readMinutesAgo * 60_000).toISOString(),
    updatedAt: new Date(NOW).toISOString(),
  });

  beforeEach(async () => {
    store = await openEmbeddedStore(mkdtempSync(path.join(tmpdir(), 'psb-team-reach-')));
    ctx = await serviceContextOn(store, () => new Date(NOW));
    await importRoster(ctx, readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8'), 'test');
    await enqueue(ctx, {
      key: 'hello:harry',
      recipient: { kind: 'person', personId: 'harry.hos@example.org' },
      content: { kind: 'notice', title: 'Hello', text: 'A notice.' },
      subjectRef: null,
    });
  });
  afterEach(() => store.close());

  const sender = (c: ReturnType<typeof connector>) =>
    new OutboxSender(ctx, {} as CloudAdapter, '', { connector: c, teamCheckMs: 3_600_000, serviceUrls: { loopbackOnly: true, hosts: new Set() } });

  test('before someone with no chat is held, a team list older than ten minutes is read again; a member found is reached in a new chat', async () => {
    const minutes = TEAM_MEMBERS_REREAD_ON_DEMAND_AFTER_MS / 60_000 + 1;
    await ctx.records.conversations.insert(team('http://127.0.0.1:9/', minutes));
    const c = connector([HARRY]);
    const s = sender(c);
    // The first pass reads nothing on its own (the list is under a day old) and then reads it on demand.
    expect(await s.drain()).toBe(1);
    expect(c.calls).toEqual(['members 19:team@thread.tacv2', 'create 29:harry', 'post a:29:harry']);
    expect(await ctx.records.outbox.get('hello:harry')).toMatchObject({ state: 'sent', conversationId: 'a:29:harry' });
    expect(await ctx.records.conversations.get('person:harry.hos@example.org')).toMatchObject({ conversationId: 'a:29:harry', userAadId: HARRY.aadObjectId });
  });

  test('a team list read within ten minutes is not read again for each message: the person is held', async () => {
    await ctx.records.conversations.insert(team('http://127.0.0.1:9/', 1));
    const c = connector([HARRY]);
    expect(await sender(c).drain()).toBe(0);
    expect(c.calls).toEqual([]);
    expect(await ctx.records.outbox.get('hello:harry')).toMatchObject({ state: 'held' });
  });

  test('a member address naming a service URL the bot may not call is never used: the message fails and no chat is started', async () => {
    await ctx.records.conversations.insert(team('https://attacker.example/', 1));
    await ctx.records.conversations.insert({
      ...team('https://attacker.example/', 1),
      _id: 'member:harry.hos@example.org',
      kind: 'member',
      personId: 'harry.hos@example.org',
      teamsUserId: '29:harry',
    });
    const c = connector([HARRY]);
    expect(await sender(c).drain()).toBe(0);
    expect(c.calls).toEqual([]);
    expect(await ctx.records.outbox.get('hello:harry')).toMatchObject({ state: 'failed', lastError: 'local mode answers only a service URL on this machine' });
  });
});
