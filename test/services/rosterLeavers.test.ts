// Leavers from the roster import, on every storage backend: a person marked as left in the file
// (leftOn), or no longer in it, is handed over as `psb roster leaver` does (services/leavers.ts);
// a file that would make too many people leavers is refused; importing the same file again hands
// over nothing more.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServiceContext } from '../../src/services/context';
import { rememberConversation } from '../../src/services/conversations';
import { conveneMeeting } from '../../src/services/meetings';
import { requestMove } from '../../src/services/moves';
import { identify, importChildren } from '../../src/services/people';
import { importRoster } from '../../src/services/rosterImport';
import type { Store } from '../../src/store/collection';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';
import { chatAddress, validStabilityConveneForm } from '../support/fixtures';

const EXAMPLES = path.resolve(__dirname, '../../examples');
const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday
const ROSTER = readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8').trim();
const HEADER = ROSTER.split('\n')[0];

/** The example roster with a leftOn column: `leftOn` gives the dates by email. */
function rosterWith(leftOn: Record<string, string>, { without = [] as string[] } = {}): string {
  const [, ...lines] = ROSTER.split('\n');
  const kept = lines.filter((line) => !without.includes(line.split(',')[0]));
  return [`${HEADER},leftOn`, ...kept.map((line) => `${line},${leftOn[line.split(',')[0]] ?? ''}`)].join('\n') + '\n';
}

const moveForm = {
  caseRef: 'CR-1001',
  urgency: 'planned',
  proposedDate: '2026-12-07',
  reasonCode: 'CREQB',
  rationale: 'Carer has given notice after repeated incidents at home.',
  virtualSchoolConsulted: 'yes',
  virtualSchoolAdvice: 'Keep the same school.',
  educationDisrupted: 'no',
  childToldPlan: 'Together with the carer on Friday.',
  childToldAgreed: 'true',
  followsAllegation: 'no',
  childSaid: 'I want to stay near my school.',
  advocateOffered: 'yes',
};
const meetingForm = validStabilityConveneForm();

describeOnEveryBackend('leavers from the roster import', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  const person = (email: string) => identify(ctx, undefined, async () => email);

  beforeEach(async () => {
    store = await freshStore();
    ctx = { ...(await serviceContextOn(store, () => NOW)), calendar: { graph: null, publicUrl: () => 'https://bot.example.org' } };
    await importRoster(ctx, `${ROSTER}\n`, 'test');
    await importChildren(ctx, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
  });
  afterEach(async () => {
    await store.close();
  });

  /** Sam has an open request (and its tasks), a meeting he organises and three children allocated. */
  async function samsWork() {
    const sam = await person('sam.social@example.org');
    await rememberConversation(ctx, sam, { kind: 'personal', address: chatAddress('a:sam') });
    const request = await requestMove(ctx, sam, moveForm);
    const meeting = await conveneMeeting(ctx, sam, meetingForm);
    return { sam, request, meeting };
  }

  test('a person marked as left (leftOn) hands over their open requests, meetings and allocated children to the team manager, who is told; audited', async () => {
    const { request, meeting } = await samsWork();
    const report = await importRoster(ctx, rosterWith({ 'sam.social@example.org': '20/11/2026' }), 'cli');
    expect(report.refused).toBeNull();
    expect(report.leavers).toEqual([
      {
        id: 'sam.social@example.org',
        how: 'marked',
        handover: expect.objectContaining({ requests: [request.ref], meetings: [meeting.ref], children: ['CR-1001', 'CR-1002', 'CR-1004'], to: ['tom.manager@example.org'] }),
      },
    ]);
    expect(await ctx.records.people.get('sam.social@example.org')).toMatchObject({ roles: [], leftOn: '2026-11-20' });
    expect(await ctx.records.moveRequests.get(request.ref)).toMatchObject({ requestedBy: 'tom.manager@example.org' });
    expect(await ctx.records.meetings.get(meeting.ref)).toMatchObject({ organiser: 'tom.manager@example.org', organiserName: 'Tom Manager' });
    expect(await ctx.records.children.count({ socialWorker: 'sam.social@example.org' })).toBe(0);
    expect(await ctx.records.children.count({ socialWorker: 'tom.manager@example.org' })).toBe(3);
    const told = await ctx.records.outbox.find({ 'recipient.personId': 'tom.manager@example.org', 'content.title': 'Sam Social has left: their open work is now yours' });
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0].content)).toContain(meeting.ref);
    expect(JSON.stringify(told[0].content)).toContain('CR-1004');
    expect(JSON.stringify(told[0].content)).not.toContain('Jamie'); // case references, not children's names
    for (const action of ['roster.leaver-by-import', 'roster.left']) expect(await ctx.records.audit.count({ subject: 'sam.social@example.org', action })).toBe(1);
    expect(await ctx.records.audit.count({ subject: meeting.ref, action: 'meeting.handed-over' })).toBe(1);
    expect(await ctx.records.audit.count({ action: 'child.handed-over' })).toBe(3);
  });

  test('a person no longer in the roster file is a leaver, handed over the same way', async () => {
    const { request } = await samsWork();
    const report = await importRoster(ctx, rosterWith({}, { without: ['sam.social@example.org'] }), 'cli');
    expect(report.leavers).toEqual([{ id: 'sam.social@example.org', how: 'omitted', handover: expect.objectContaining({ requests: [request.ref] }) }]);
    expect((await ctx.records.people.get('sam.social@example.org'))!.roles).toEqual([]);
  });

  test("a children file still naming the leaver does not undo the handover: the line is reported, the child keeps the team manager, and the leaver's supervising link stays empty", async () => {
    await importRoster(ctx, rosterWith({ 'sam.social@example.org': '2026-11-20', 'steve.ssw@example.org': '2026-11-20' }), 'cli');
    expect((await ctx.records.children.get('CR-1001'))!).toMatchObject({ socialWorker: 'tom.manager@example.org', supervisingSocialWorker: null });
    const report = await importChildren(ctx, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
    expect(report.problems).toContainEqual({
      line: 2,
      imported: true,
      reason:
        'socialWorker: sam.social@example.org is not a current worker (not on the roster, or has left), so the child is not linked to them; the link stays tom.manager@example.org',
    });
    expect(report.problems).toContainEqual({
      line: 2,
      imported: true,
      reason:
        'supervisingSocialWorker: steve.ssw@example.org is not a current worker (not on the roster, or has left), so the child is not linked to them; the link is empty until someone is allocated',
    });
    expect((await ctx.records.children.get('CR-1001'))!).toMatchObject({ socialWorker: 'tom.manager@example.org', supervisingSocialWorker: null, iro: 'ivy.iro@example.org' });
    expect(await ctx.records.audit.count({ action: 'child.leaver-link-refused', subject: 'CR-1001' })).toBe(2);
  });

  test('importing the same file again hands over nothing more and tells nobody again', async () => {
    await samsWork();
    const file = rosterWith({ 'sam.social@example.org': '2026-11-20' }, { without: ['priya.patel@example.org'] });
    expect((await importRoster(ctx, file, 'cli')).leavers.map((l) => l.id)).toEqual(['sam.social@example.org', 'priya.patel@example.org']);
    const messages = await ctx.records.outbox.count({});
    const audit = await ctx.records.audit.count({});
    const again = await importRoster(ctx, file, 'cli');
    expect(again).toMatchObject({ leavers: [], created: 0, updated: 0, refused: null });
    expect(await ctx.records.outbox.count({})).toBe(messages);
    expect(await ctx.records.audit.count({})).toBe(audit);
  });

  test('a file that would make more than half the roster leavers (a cut-short file) is refused and nothing changes, unless mass leavers are allowed', async () => {
    const [, ...lines] = ROSTER.split('\n');
    const truncated = [HEADER, ...lines.slice(0, 3)].join('\n') + '\n';
    const before = await ctx.records.audit.count({});
    const refused = await importRoster(ctx, truncated, 'cli');
    expect(refused.refused).toMatch(/^Nothing was imported: this file would make 9 of the 12 people on the roster leavers .*--allow-mass-leavers/);
    expect(refused.leavers).toEqual([]);
    expect((await ctx.records.people.find({})).filter((p) => p.roles.length === 0)).toEqual([]);
    expect(await ctx.records.audit.count({})).toBe(before);

    const allowed = await importRoster(ctx, truncated, 'cli', { allowMassLeavers: true });
    expect(allowed.refused).toBeNull();
    expect(allowed.leavers).toHaveLength(9);
  });

  test('a file with a rejected line makes nobody a leaver for being left out (their line may be the rejected one)', async () => {
    const broken = rosterWith({}, { without: ['priya.patel@example.org'] }).replace(
      'tom.manager@example.org,Tom Manager,,team_manager',
      'tom.manager@example.org,Tom Manager,,team_boss',
    );
    const report = await importRoster(ctx, broken, 'cli');
    expect(report.problems).toHaveLength(1);
    expect(report.leavers).toEqual([]);
    expect(report.omissionsIgnored).toMatch(/^1 person is on the roster but not in the file/);
    expect((await ctx.records.people.get('priya.patel@example.org'))!.roles).toEqual(['social_worker']);
    expect((await ctx.records.people.get('tom.manager@example.org'))!.roles).toEqual(['team_manager']); // the rejected line changed nothing
  });

  test('leftOn must be a date; a leftOn still to come keeps them working until that day', async () => {
    const bad = await importRoster(ctx, rosterWith({ 'sam.social@example.org': 'next week' }), 'cli');
    expect(bad.problems).toEqual([{ line: 2, reason: 'leftOn is not a date (use YYYY-MM-DD or dd/mm/yyyy)' }]);
    expect(bad.leavers).toEqual([]);

    const later = await importRoster(ctx, rosterWith({ 'sam.social@example.org': '2026-12-31' }), 'cli');
    expect(later.leavers).toEqual([]);
    expect(later.leavingLater).toEqual([{ id: 'sam.social@example.org', leftOn: '2026-12-31' }]);
    expect(await ctx.records.people.get('sam.social@example.org')).toMatchObject({ roles: ['social_worker'], leftOn: '2026-12-31' });
  });

  test('a Head of Service who leaves: requests waiting for their decision go to whoever can decide now (here the approvals channel)', async () => {
    const hana = await person('hana.head@example.org');
    await rememberConversation(ctx, hana, { kind: 'personal', address: chatAddress('a:hana') });
    const channel = '19:north-approvals@thread.tacv2';
    await ctx.records.teamSettings.put({ _id: 'North', version: 1, approvalsChannel: channel, updatedAt: NOW.toISOString() });
    const { request } = await samsWork();
    expect(await ctx.records.outbox.get(`${request.ref}:approval:${hana.id}`)).not.toBeNull();
    expect(await ctx.records.outbox.get(`${request.ref}:approval:channel:${channel}`)).toBeNull(); // Hana could be reached

    const report = await importRoster(ctx, rosterWith({ 'hana.head@example.org': '2026-11-23' }), 'cli');
    expect(report.leavers[0].handover.approvals).toEqual([request.ref]);
    expect(await ctx.records.outbox.get(`${request.ref}:approval:channel:${channel}`)).toMatchObject({ recipient: { kind: 'channel', conversationId: channel } });
  });
});
