// The meeting use cases, on every storage backend: the proposal (attendees, chair), convening with
// the organiser's changes, refusals that store nothing, invitations (Teams and Graph), the outcome
// and its tasks, the planned ending (FRAG-8), the Disruption Meeting (END-2), and the lists.
import { openAlertsForTeams, raiseAlert } from '../../src/services/alerts';
import { buildDigest, type DigestSections } from '../../src/services/digest';
import type { ServiceContext } from '../../src/services/context';
import { rememberConversation } from '../../src/services/conversations';
import { ConflictError, InvalidInputError, NotPermittedError } from '../../src/services/errors';
import { GraphError, type GraphCalendar, type OnlineMeetingRequest } from '../../src/services/graph';
import { createTeamsMeeting, meetingCalendarFile } from '../../src/services/invitations';
import { resumePendingMeetingEffects } from '../../src/services/meetingEffects';
import { meetingsFor, upcomingMeetingsForTeams } from '../../src/services/meetingLists';
import { conveneMeeting, moveRequestFromOutcome, proposeMeeting, recordOutcome } from '../../src/services/meetings';
import { confirmMove, decideMove, requestMove } from '../../src/services/moves';
import { identify } from '../../src/services/people';
import type { Store } from '../../src/store/collection';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';
import { killedBeforeInsertInto, ProcessKilled } from '../support/killedProcess';
import { loadExamplePeople, validMoveForm, chatAddress, validStabilityConveneForm as convene } from '../support/fixtures';

const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday

const alertForm = (overrides: Record<string, string> = {}) => ({
  caseRef: 'CR-1001',
  triggers: 'carer-struggling',
  description: 'The carer says she cannot go on after the exclusion, despite the respite weekend.',
  immediateSafeguardingRisk: 'no',
  supportInPlace: 'Respite weekend and weekly SSW visits.',
  ...overrides,
});
const outcome = (overrides: Record<string, unknown> = {}) => ({
  decision: 'continue-with-support',
  summary: 'Agreed a package of weekly therapeutic support and a review in a month.',
  attended: 'sam.social@example.org,fiona.foster@example.org',
  reviewDate: '2026-12-17',
  actions: [
    { what: 'Arrange therapeutic parenting sessions', ownerEmail: 'steve.ssw@example.org', dueDate: '2026-12-03' },
    { what: 'Speak to the school about a reduced timetable', ownerEmail: 'val.school@example.org', dueDate: '2026-12-01' },
  ],
  ...overrides,
});

class FakeGraph implements GraphCalendar {
  readonly organizer = 'meetings@example.org';
  requests: OnlineMeetingRequest[] = [];
  failures: GraphError[] = [];
  async createOnlineMeeting(request: OnlineMeetingRequest) {
    this.requests.push(request);
    const failure = this.failures.shift();
    if (failure) throw failure;
    return { id: 'event-1', joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc', webLink: null };
  }
  async updateEventTime() {}
  async cancelEvent() {}
}

describeOnEveryBackend('meetings', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  let now = NOW;
  const person = (email: string) => identify(ctx, undefined, async () => email);
  const chatWith = async (...emails: string[]) => {
    for (const email of emails) {
      const p = await person(email);
      await rememberConversation(ctx, p, { kind: 'personal', address: chatAddress(`a:${p.id}`) });
    }
  };

  beforeEach(async () => {
    now = NOW;
    store = await freshStore();
    ctx = { ...(await serviceContextOn(store, () => now)), calendar: { graph: null, publicUrl: () => 'https://bot.example.org' } };
    await loadExamplePeople(ctx);
  });
  afterEach(async () => {
    await store.close();
  });

  test('the proposal: in-house foster care is chaired by the fostering manager, an IFA placement by the team manager', async () => {
    const sam = await person('sam.social@example.org');
    const inHouse = await proposeMeeting(ctx, sam, { type: 'stability', caseRef: 'CR-1001' });
    expect(inHouse.chair.person?.id).toBe('fiona.foster@example.org');
    expect(inHouse.chairOptions[0].id).toBe('fiona.foster@example.org');
    expect(inHouse.proposal.attendees.map((a) => a.kind)).toEqual(['child', 'social_worker', 'carer', 'supervising_social_worker', 'fostering_manager', 'virtual_school']);
    expect(inHouse.proposal.attendees.every((a) => a.reason.length > 20)).toBe(true);
    const ifa = await proposeMeeting(ctx, sam, { type: 'stability', caseRef: 'CR-1002' });
    expect(ifa.chair.person?.id).toBe('tom.manager@example.org');
    expect(ifa.proposal.attendees.map((a) => a.kind)).toContain('placements_team');
    await expect(proposeMeeting(ctx, await person('priya.patel@example.org'), { type: 'stability', caseRef: 'CR-1001' })).rejects.toBeInstanceOf(NotPermittedError);
  });

  test('convening checks everything at once and stores nothing until it is right', async () => {
    const sam = await person('sam.social@example.org');
    const attempt = conveneMeeting(ctx, sam, convene({ date: '2026-11-20', minuteTaker: '', chair: 'sam.social@example.org', addAttendees: 'not-an-email' }));
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    const fields = ((await attempt.catch((e) => e)) as InvalidInputError).fields;
    expect(fields).toMatchObject({
      date: 'A meeting cannot be booked in the past.',
      minuteTaker: expect.stringContaining('minute taker'),
      chair: expect.stringContaining('is not a manager'),
      addAttendees: 'Not email addresses: not-an-email.',
    });
    await expect(conveneMeeting(ctx, sam, convene({ childAttendance: 'not-invited' }))).rejects.toThrow(/record why they are not invited/);
    expect(await ctx.records.meetings.count({})).toBe(0);
    expect(await ctx.records.outbox.count({})).toBe(0);
  });

  test("a stability meeting from an alert: stored, audited, alerts linked, the organiser's changes kept, invitations in Teams", async () => {
    await chatWith('fiona.foster@example.org', 'steve.ssw@example.org', 'val.school@example.org', 'priya.patel@example.org');
    const sam = await person('sam.social@example.org');
    const alert = await raiseAlert(ctx, sam, alertForm());
    const meeting = await conveneMeeting(ctx, sam, {
      ...convene(),
      alertRef: alert.ref,
      'invite|val.school@example.org': 'false',
      addAttendees: 'priya.patel@example.org, parent@example.net',
    });
    expect(meeting).toMatchObject({
      ref: 'MT-2026-0001',
      state: 'scheduled',
      team: 'North',
      alertRefs: [alert.ref],
      chair: { personId: 'fiona.foster@example.org' },
      pendingEffects: [],
    });
    expect(meeting.invitation).toMatchObject({ via: 'teams', state: 'sent' });
    expect(meeting.removed).toEqual([{ label: 'Virtual School', name: 'Val School', required: true }]);
    expect(meeting.attendees.map((a) => a.email)).toEqual(
      expect.arrayContaining(['alex.carer@example.org', 'ada.admin@example.org', 'priya.patel@example.org', 'parent@example.net']),
    );
    expect(meeting.participantIds).toEqual(expect.arrayContaining(['sam.social@example.org', 'fiona.foster@example.org', 'ada.admin@example.org', 'priya.patel@example.org']));
    expect((await ctx.records.fragilityAlerts.get(alert.ref))!.meetingRefs).toEqual(['MT-2026-0001']);
    const invited = (await ctx.records.outbox.find({ subjectRef: meeting.ref }, { sort: { _id: 1 } })).map((m) => m._id);
    // Every invitee on the roster, with a chat or not (Ada has none: hers waits until she opens the bot).
    expect(invited).toEqual([
      'MT-2026-0001:invitation:ada.admin@example.org',
      'MT-2026-0001:invitation:fiona.foster@example.org',
      'MT-2026-0001:invitation:priya.patel@example.org',
      'MT-2026-0001:invitation:steve.ssw@example.org',
    ]);
    expect((await ctx.records.audit.find({ subject: meeting.ref })).map((a) => a.action).sort()).toEqual(['meeting.convened', 'meeting.invitations-sent']);
  });

  test("the .ics file needs the meeting's token, is in UTC and names the case reference, never the child", async () => {
    const meeting = await conveneMeeting(ctx, await person('sam.social@example.org'), convene({ date: '2026-11-26', time: '14:30' }));
    const ics = (await meetingCalendarFile(ctx, meeting.ref, meeting.icsToken))!;
    expect(ics).toContain('BEGIN:VCALENDAR\r\n');
    expect(ics).toContain('DTSTART:20261126T143000Z');
    expect(ics).toContain('DTEND:20261126T153000Z');
    expect(ics).toContain('SUMMARY:Placement Stability Meeting MT-2026-0001 (case CR-1001)');
    expect(ics).toContain('mailto:alex.carer@example.org');
    expect(ics).not.toContain('Jamie');
    expect(await meetingCalendarFile(ctx, meeting.ref, 'guessed')).toBeNull();
    expect(await meetingCalendarFile(ctx, 'MT-2026-9999', meeting.icsToken)).toBeNull();
  });

  test('Graph: the meeting-invite job creates the Teams meeting once; throttling is retried; a lasting failure falls back to Teams cards', async () => {
    const graph = new FakeGraph();
    ctx.calendar = { graph, publicUrl: () => 'https://bot.example.org' };
    await chatWith('fiona.foster@example.org', 'sam.social@example.org');
    const sam = await person('sam.social@example.org');
    const meeting = await conveneMeeting(ctx, sam, convene());
    expect(meeting.invitation).toMatchObject({ via: 'graph', state: 'pending' });
    expect((await ctx.records.outbox.find({ subjectRef: meeting.ref })).map((m) => [m._id, m.content.kind])).toEqual([['MT-2026-0001:graph-invite', 'meeting-invite']]);

    graph.failures.push(new GraphError('Microsoft Graph answered 429', 429, '3'));
    await expect(createTeamsMeeting(ctx, meeting.ref, { lastAttempt: false })).rejects.toMatchObject({ statusCode: 429, response: { headers: { 'retry-after': '3' } } });
    const sent = await createTeamsMeeting(ctx, meeting.ref, { lastAttempt: false });
    expect(sent.invitation).toMatchObject({ state: 'sent', eventId: 'event-1', joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc' });
    await createTeamsMeeting(ctx, meeting.ref, { lastAttempt: false });
    expect(graph.requests).toHaveLength(2);
    expect(graph.requests[0]).toMatchObject({
      subject: 'Placement Stability Meeting MT-2026-0001 (case CR-1001)',
      transactionId: 'MT-2026-0001',
      start: new Date('2026-11-26T10:00:00Z'),
    });
    expect(graph.requests[0].attendees.map((a) => a.email)).toEqual(expect.arrayContaining(['fiona.foster@example.org', 'alex.carer@example.org', 'sam.social@example.org']));

    const second = await conveneMeeting(ctx, sam, convene({ caseRef: 'CR-1002', chair: 'tom.manager@example.org' }));
    graph.failures.push(new GraphError('Microsoft Graph answered 403 (ErrorAccessDenied)', 403));
    const failed = await createTeamsMeeting(ctx, second.ref, { lastAttempt: false });
    expect(failed.invitation).toMatchObject({ state: 'failed', error: 'Microsoft Graph answered 403 (ErrorAccessDenied)' });
    expect((await ctx.records.outbox.get(`${second.ref}:invitation:fiona.foster@example.org`))?.content).toEqual({ kind: 'meeting-card', ref: second.ref, view: 'invitation' });
    expect((await ctx.records.audit.find({ subject: second.ref })).map((a) => a.action)).toContain('meeting.invitations-failed');
  });

  test('Graph: a meeting-invite job whose process stopped after storing the result writes its audit entry and cards on the retry, once', async () => {
    const graph = new FakeGraph();
    ctx.calendar = { graph, publicUrl: () => 'https://bot.example.org' };
    await chatWith('fiona.foster@example.org', 'sam.social@example.org');
    const sam = await person('sam.social@example.org');
    const meeting = await conveneMeeting(ctx, sam, convene());
    now = new Date('2026-11-23T10:01:00Z');
    await expect(createTeamsMeeting(killedBeforeInsertInto(ctx, 'audit'), meeting.ref, { lastAttempt: false })).rejects.toBeInstanceOf(ProcessKilled);
    now = new Date('2026-11-23T10:05:00Z');
    await createTeamsMeeting(ctx, meeting.ref, { lastAttempt: false });
    await createTeamsMeeting(ctx, meeting.ref, { lastAttempt: false });
    expect(graph.requests).toHaveLength(1);
    expect((await ctx.records.audit.find({ subject: meeting.ref, action: 'meeting.invitations-sent' })).map((e) => [e.at, e.details.eventId])).toEqual([
      ['2026-11-23T10:01:00.000Z', 'event-1'],
    ]);

    // A lasting failure, stopped before the fall-back cards were queued: the retry queues them.
    const second = await conveneMeeting(ctx, sam, convene({ caseRef: 'CR-1002', chair: 'tom.manager@example.org' }));
    graph.failures.push(new GraphError('Microsoft Graph answered 403 (ErrorAccessDenied)', 403));
    await expect(createTeamsMeeting(killedBeforeInsertInto(ctx, 'outbox'), second.ref, { lastAttempt: false })).rejects.toBeInstanceOf(ProcessKilled);
    await createTeamsMeeting(ctx, second.ref, { lastAttempt: false });
    expect(graph.requests).toHaveLength(2);
    expect(await ctx.records.audit.count({ subject: second.ref, action: 'meeting.invitations-failed' })).toBe(1);
    expect(await ctx.records.outbox.get(`${second.ref}:invitation:fiona.foster@example.org`)).not.toBeNull();
  });

  test('the outcome: only the chair or minute taker, only once held; a stability meeting needs its review date; actions become tasks once', async () => {
    await chatWith('steve.ssw@example.org', 'val.school@example.org', 'sam.social@example.org');
    const sam = await person('sam.social@example.org');
    const fiona = await person('fiona.foster@example.org');
    const alert = await raiseAlert(ctx, sam, alertForm());
    const meeting = await conveneMeeting(ctx, sam, { ...convene(), alertRef: alert.ref });
    await expect(recordOutcome(ctx, fiona, meeting.ref, outcome())).rejects.toBeInstanceOf(ConflictError); // not held yet
    now = new Date('2026-11-26T15:00:00Z');
    await expect(recordOutcome(ctx, sam, meeting.ref, outcome())).rejects.toBeInstanceOf(NotPermittedError);
    await expect(recordOutcome(ctx, fiona, meeting.ref, outcome({ reviewDate: '' }))).rejects.toThrow(/Book the review now/);
    expect((await ctx.records.meetings.get(meeting.ref))!.state).toBe('scheduled');

    const held = await recordOutcome(ctx, fiona, meeting.ref, outcome());
    expect(held).toMatchObject({ state: 'held', outcome: { decision: 'continue-with-support', recordedBy: 'fiona.foster@example.org', minuteTaker: 'ada.admin@example.org' } });
    const tasks = await ctx.records.tasks.find({ sourceRef: meeting.ref }, { sort: { _id: 1 } });
    expect(tasks.map((t) => [t._id, t.owner, t.dueDate])).toEqual([
      ['MT-2026-0001:action:1', 'steve.ssw@example.org', '2026-12-03'],
      ['MT-2026-0001:action:2', 'val.school@example.org', '2026-12-01'],
      ['MT-2026-0001:review-meeting', 'sam.social@example.org', '2026-12-17'],
    ]);
    expect(await ctx.records.fragilityAlerts.get(alert.ref)).toMatchObject({ state: 'closed', closure: { meetingRef: meeting.ref, by: 'fiona.foster@example.org' } });
    expect(await ctx.records.outbox.get(`${meeting.ref}:tasks:steve.ssw@example.org`)).not.toBeNull();
    expect(await ctx.records.outbox.get(`${meeting.ref}:outcome:sam.social@example.org`)).not.toBeNull();
    await expect(recordOutcome(ctx, fiona, meeting.ref, outcome())).rejects.toBeInstanceOf(ConflictError);

    // The process stopped before the effects were cleared: finishing them creates nothing twice.
    await ctx.records.meetings.updateIfVersion(held._id, held.version, { pendingEffects: ['outcome'] });
    expect(await resumePendingMeetingEffects(ctx)).toBe(1);
    expect(await ctx.records.tasks.count({ sourceRef: meeting.ref })).toBe(3);
    expect((await ctx.records.audit.find({ subject: alert.ref })).filter((a) => a.action === 'alert.closed')).toHaveLength(1);

    // "meetings": the review is due; convening the review meeting marks the booked review done.
    expect((await meetingsFor(ctx, sam)).reviewsDue.map((r) => r.reviewDate)).toEqual(['2026-12-17']);
    const review = await conveneMeeting(ctx, sam, convene({ date: '2026-12-17' }));
    expect((await ctx.records.tasks.get(`${meeting.ref}:review-meeting`))!).toMatchObject({ state: 'done', doneVia: review.ref });
    expect((await meetingsFor(ctx, sam)).reviewsDue).toEqual([]);
    const reviewDone = { subject: meeting.ref, action: 'task.done' };
    expect(await ctx.records.audit.count(reviewDone)).toBe(1);

    // The process stopped after marking the task done but before its audit entry: the replay writes it, once.
    await ctx.records.audit.deleteMany(reviewDone);
    const convened = (await ctx.records.meetings.get(review.ref))!;
    await ctx.records.meetings.updateIfVersion(convened._id, convened.version, { pendingEffects: ['convened'] });
    await resumePendingMeetingEffects(ctx);
    await resumePendingMeetingEffects(ctx);
    expect(await ctx.records.audit.find(reviewDone)).toEqual([
      expect.objectContaining({ actor: 'sam.social@example.org', details: expect.objectContaining({ bookedAs: review.ref }) }),
    ]);
  });

  test('a change whose process stopped right after its update gets its audit entry after restart, once, at the time of the change', async () => {
    await chatWith('sam.social@example.org', 'fiona.foster@example.org');
    const sam = await person('sam.social@example.org');
    const fiona = await person('fiona.foster@example.org');
    const alert = await raiseAlert(ctx, sam, alertForm());
    // Killed before the audit insert: the new meeting is stored, its entry is not written yet.
    await expect(conveneMeeting(killedBeforeInsertInto(ctx, 'audit'), sam, { ...convene(), alertRef: alert.ref })).rejects.toBeInstanceOf(ProcessKilled);
    const ref = 'MT-2026-0001';
    expect(await ctx.records.audit.count({ subject: ref })).toBe(0);
    // The restart is killed too, after the entries and before the invitations; the next one finishes.
    now = new Date('2026-11-23T10:05:00Z');
    await expect(resumePendingMeetingEffects(killedBeforeInsertInto(ctx, 'outbox'))).rejects.toBeInstanceOf(ProcessKilled);
    expect(await resumePendingMeetingEffects(ctx)).toBe(1);
    expect(await resumePendingMeetingEffects(ctx)).toBe(0);

    // The outcome's versioned update is stored, its audit entry and effects are not.
    now = new Date('2026-11-26T15:00:00Z');
    await expect(recordOutcome(killedBeforeInsertInto(ctx, 'audit'), fiona, ref, outcome())).rejects.toBeInstanceOf(ProcessKilled);
    expect(await ctx.records.meetings.get(ref)).toMatchObject({ state: 'held', pendingEffects: ['outcome'] });
    expect(await ctx.records.audit.count({ subject: ref, action: 'meeting.outcome-recorded' })).toBe(0);
    now = new Date('2026-11-26T16:00:00Z');
    expect(await resumePendingMeetingEffects(ctx)).toBe(1);
    expect(await resumePendingMeetingEffects(ctx)).toBe(0);

    const trail = (await ctx.records.audit.find({ subject: ref }, { sort: { at: 1 } })).filter((e) => e.action.startsWith('meeting.'));
    expect(trail.map((e) => [e.action, e.actor, e.fromState, e.toState, e.at])).toEqual([
      ['meeting.convened', sam.id, null, 'scheduled', NOW.toISOString()],
      ['meeting.invitations-sent', 'bot', null, null, '2026-11-23T10:05:00.000Z'],
      ['meeting.outcome-recorded', fiona.id, 'scheduled', 'held', '2026-11-26T15:00:00.000Z'],
    ]);
    expect(await ctx.records.audit.count({ subject: alert.ref, action: 'alert.closed' })).toBe(1);
    expect(await ctx.records.tasks.count({ sourceRef: ref })).toBe(3);
    expect(await ctx.records.meetings.get(ref)).toMatchObject({ pendingEffects: [], pendingAudit: [] });
  });

  test('a planned ending of an external placement tells the Placements Service at once and offers the social worker a pre-filled move request (FRAG-8)', async () => {
    await chatWith('pat.placements@example.org');
    const sam = await person('sam.social@example.org');
    const tom = await person('tom.manager@example.org');
    const meeting = await conveneMeeting(ctx, sam, convene({ caseRef: 'CR-1002' }));
    now = new Date('2026-11-26T15:00:00Z');
    await recordOutcome(
      ctx,
      tom,
      meeting.ref,
      outcome({
        decision: 'planned-ending',
        plannedEndDate: '2027-01-08',
        actions: [],
        childSaid: 'Riley said she would like a foster family nearer her school.',
        advocateOffered: 'yes',
      }),
    );
    const kinds = (await ctx.records.tasks.find({ sourceRef: meeting.ref }, { sort: { _id: 1 } })).map((t) => [t.kind, t.owner]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['request-move', 'sam.social@example.org'],
        ['tell-placements-service', 'sam.social@example.org'],
        ['serve-notice', 'pat.placements@example.org'],
        ['stop-payments', 'pat.placements@example.org'],
      ]),
    );
    const told = await ctx.records.outbox.get(`${meeting.ref}:ending:placements:pat.placements@example.org`);
    expect(told?.content).toMatchObject({ kind: 'notice', text: expect.stringContaining('Notice must be served on the provider') });
    expect(await moveRequestFromOutcome(ctx, sam, meeting.ref)).toMatchObject({
      caseRef: 'CR-1002',
      urgency: 'planned',
      proposedDate: '2027-01-08',
      rationale: expect.stringContaining(meeting.ref),
      // The child's voice as the meeting heard it starts the request's own answer.
      childSaid: 'Riley said she would like a foster family nearer her school.',
      childNotAskedBecause: '',
      advocateOffered: 'yes',
    });
    await expect(moveRequestFromOutcome(ctx, await person('priya.patel@example.org'), meeting.ref)).rejects.toBeInstanceOf(NotPermittedError);
  });

  test('Disruption (END-2): offered after an urgent move ends a permanent placement; too early and involved chairs are refused', async () => {
    const sam = await person('sam.social@example.org');
    const form = validMoveForm({
      caseRef: 'CR-1001',
      urgency: 'urgent',
      proposedDate: '2026-11-24',
      reasonCode: 'ALLEG',
      rationale: 'Allegation against the carer; the child cannot stay tonight.',
      safeguardingIssue: 'Allegation of physical harm made today.',
      alternativesConsidered: 'Kinship carers checked; none available tonight.',
      childToldPlan: 'SW tells the child today.',
      childToldAgreed: 'false',
      followsAllegation: 'yes',
      nextPlacementCanKeepForMonths: 'true',
    });
    const move = await requestMove(ctx, sam, form);
    await decideMove(ctx, await person('hana.head@example.org'), move.ref, { outcome: 'approved' });
    now = new Date('2026-11-24T18:00:00Z');
    await confirmMove(ctx, sam, move.ref, { moveDate: '2026-11-24', placementType: 'U6' });
    expect((await ctx.records.outbox.get(`${move.ref}:disruption-offer`))?.content).toEqual({ kind: 'meeting-offer', moveRef: move.ref });

    const proposal = await proposeMeeting(ctx, sam, { type: 'disruption', moveRef: move.ref });
    expect(proposal.timing.placementEnded).toBe('2026-11-24');
    expect(proposal.proposal.attendees.find((a) => a.kind === 'carer')?.email).toBe('alex.carer@example.org');
    const fiveWeeks = conveneMeeting(ctx, sam, { type: 'disruption', moveRef: move.ref, date: '2026-12-29', time: '10:00', chair: 'ivy.iro@example.org' });
    const fields = ((await fiveWeeks.catch((e) => e)) as InvalidInputError).fields;
    expect(fields.date).toBe('Too early: A Disruption Meeting is held at least six weeks after the placement ended (2026-11-24), so on or after 2027-01-05.');
    expect(fields.chair).toContain('Ivy Reviewer is the child\u2019s own IRO, so cannot chair the Disruption Meeting');
    const held = await conveneMeeting(ctx, sam, { type: 'disruption', moveRef: move.ref, date: '2027-01-05', time: '10:00', chair: 'hana.head@example.org' });
    expect(held).toMatchObject({
      type: 'disruption',
      moveRef: move.ref,
      placementEnded: '2026-11-24',
      chair: { personId: 'hana.head@example.org', note: expect.stringContaining('not an IRO') },
    });
  });

  test("the digest gets the next week's meetings of its teams, case references only", async () => {
    const sam = await person('sam.social@example.org');
    await conveneMeeting(ctx, sam, convene());
    await conveneMeeting(ctx, sam, convene({ caseRef: 'CR-1002', date: '2026-12-10' }));
    expect(await upcomingMeetingsForTeams(ctx, ['North'], '2026-11-23', '2026-11-30')).toEqual([
      { ref: 'MT-2026-0001', caseRef: 'CR-1001', type: 'Placement Stability Meeting', date: '2026-11-26' },
    ]);
    expect(await upcomingMeetingsForTeams(ctx, ['South'], '2026-11-23', '2026-12-30')).toEqual([]);
    expect((await meetingsFor(ctx, await person('tom.manager@example.org'))).upcoming.map((m) => m.ref)).toEqual(['MT-2026-0002']);

    // The digest's own sections accept these functions as they are.
    await raiseAlert(ctx, sam, alertForm({ immediateSafeguardingRisk: 'yes' }));
    const sections: DigestSections = { openAlerts: openAlertsForTeams, upcomingMeetings: upcomingMeetingsForTeams };
    const digest = await buildDigest(ctx, ['North'], '2026-11-23', null, sections);
    expect(digest.openAlerts).toEqual([expect.objectContaining({ ref: 'FA-2026-0001', caseRef: 'CR-1001', urgent: true })]);
    expect(digest.upcomingMeetings.map((m) => m.ref)).toEqual(['MT-2026-0001']);
  });
});
