// Meetings that change (issue 14), on every storage backend: the organiser (or a team manager)
// reschedules or cancels; every invitee is told, the .ics keeps its UID and raises SEQUENCE (or
// says CANCEL), the Graph event is moved or cancelled once, the audit log has it, and a refusal
// changes nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServiceContext } from '../../src/services/context';
import { rememberConversation } from '../../src/services/conversations';
import { ConflictError, InvalidInputError, NotPermittedError } from '../../src/services/errors';
import { GraphError, type GraphCalendar, type OnlineMeetingRequest } from '../../src/services/graph';
import { changeTeamsMeetingEvent, createTeamsMeeting, meetingCalendarFile, teamsMeetingEventChange } from '../../src/services/invitations';
import { chatAddress, validStabilityConveneForm as convene } from '../support/fixtures';
import { cancelMeeting, conveneMeeting, recordOutcome, rescheduleMeeting } from '../../src/services/meetings';
import { identify, importChildren } from '../../src/services/people';
import { importRoster } from '../../src/services/rosterImport';
import type { Store } from '../../src/store/collection';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';

const EXAMPLES = path.resolve(__dirname, '../../examples');
const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday

class FakeGraph implements GraphCalendar {
  readonly organizer = 'meetings@example.org';
  calls: string[] = [];
  failures: GraphError[] = [];
  async createOnlineMeeting(request: OnlineMeetingRequest) {
    this.calls.push(`create ${request.transactionId}`);
    return { id: 'event-1', joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc', webLink: null };
  }
  async updateEventTime(eventId: string, change: { start: Date; end: Date }) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.calls.push(`move ${eventId} ${change.start.toISOString()}`);
  }
  async cancelEvent(eventId: string, comment: string) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.calls.push(`cancel ${eventId} ${comment}`);
  }
}

describeOnEveryBackend('meetings that change', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  const person = (email: string) => identify(ctx, undefined, async () => email);
  const chatWith = async (...emails: string[]) => {
    for (const email of emails) {
      const p = await person(email);
      await rememberConversation(ctx, p, { kind: 'personal', address: chatAddress(`a:${p.id}`) });
    }
  };
  const errorsOf = async (p: Promise<unknown>) => ((await p.catch((e) => e)) as InvalidInputError).fields;

  beforeEach(async () => {
    store = await freshStore();
    ctx = { ...(await serviceContextOn(store, () => NOW)), calendar: { graph: null, publicUrl: () => 'https://bot.example.org' } };
    await importRoster(ctx, readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8'), 'test');
    await importChildren(ctx, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
  });
  afterEach(async () => {
    await store.close();
  });

  test('Reschedule: every invitee on Teams is told, the .ics keeps its UID with SEQUENCE raised, the audit log has it', async () => {
    await chatWith('fiona.foster@example.org', 'steve.ssw@example.org', 'sam.social@example.org');
    const sam = await person('sam.social@example.org');
    const meeting = await conveneMeeting(ctx, sam, convene());
    const before = (await meetingCalendarFile(ctx, meeting.ref, meeting.icsToken))!;
    expect(before).toContain('SEQUENCE:0');

    const moved = await rescheduleMeeting(ctx, sam, meeting.ref, { newDate: '2026-11-27', newTime: '14:00', changeReason: 'The carer has a hospital appointment that morning.' });
    expect(moved).toMatchObject({ date: '2026-11-27', time: '14:00', sequence: 1, state: 'scheduled', pendingEffects: [] });
    expect(moved.changes).toEqual([
      expect.objectContaining({ kind: 'rescheduled', from: { date: '2026-11-26', time: '10:00' }, to: { date: '2026-11-27', time: '14:00' }, by: 'sam.social@example.org' }),
    ]);
    const ics = (await meetingCalendarFile(ctx, meeting.ref, meeting.icsToken))!;
    expect(ics).toContain(`UID:${meeting.ref}@placement-stability-bot`);
    expect(ics).toContain('SEQUENCE:1');
    expect(ics).toContain('DTSTART:20261127T140000Z');
    expect(ics).toContain('METHOD:PUBLISH');
    const told = (await ctx.records.outbox.find({ subjectRef: meeting.ref, 'content.view': 'rescheduled' })).map((m) => m._id).sort();
    expect(told).toEqual([`${meeting.ref}:rescheduled:1:fiona.foster@example.org`, `${meeting.ref}:rescheduled:1:steve.ssw@example.org`]);
    const audit = await ctx.records.audit.find({ subject: meeting.ref, action: 'meeting.rescheduled' });
    expect(audit.map((a) => a.details)).toEqual([{ from: '2026-11-26 10:00', to: '2026-11-27 14:00', sequence: 1 }]);
  });

  test('Cancel: the .ics says METHOD:CANCEL and STATUS:CANCELLED with SEQUENCE raised; invitees told; no second cancel, no reschedule after', async () => {
    await chatWith('fiona.foster@example.org', 'sam.social@example.org');
    const sam = await person('sam.social@example.org');
    const meeting = await conveneMeeting(ctx, sam, convene());
    const cancelled = await cancelMeeting(ctx, sam, meeting.ref, { changeReason: 'The placement has settled; the team agreed no meeting is needed.' });
    expect(cancelled).toMatchObject({ state: 'cancelled', sequence: 1 });
    const ics = (await meetingCalendarFile(ctx, meeting.ref, meeting.icsToken))!;
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).toContain('SEQUENCE:1');
    expect(ics).toContain(`UID:${meeting.ref}@placement-stability-bot`);
    expect(await ctx.records.outbox.get(`${meeting.ref}:cancelled:1:fiona.foster@example.org`)).not.toBeNull();
    expect(await ctx.records.audit.count({ subject: meeting.ref, action: 'meeting.cancelled' })).toBe(1);
    await expect(cancelMeeting(ctx, sam, meeting.ref, { changeReason: 'Pressed again by mistake, twice.' })).rejects.toBeInstanceOf(ConflictError);
    await expect(rescheduleMeeting(ctx, sam, meeting.ref, { newDate: '2026-11-27', newTime: '10:00', changeReason: 'Trying to move it after all.' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await ctx.records.audit.count({ subject: meeting.ref, action: 'meeting.cancelled' })).toBe(1);
  });

  test('Permission: the organiser or a team manager for the child\u2019s team may change a meeting; the chair or another worker may not, and nothing changes', async () => {
    const sam = await person('sam.social@example.org');
    const meeting = await conveneMeeting(ctx, sam, convene());
    const change = { newDate: '2026-11-27', newTime: '10:00', changeReason: 'The chair is on leave that day.' };
    await expect(rescheduleMeeting(ctx, await person('fiona.foster@example.org'), meeting.ref, change)).rejects.toBeInstanceOf(NotPermittedError);
    await expect(cancelMeeting(ctx, await person('priya.patel@example.org'), meeting.ref, change)).rejects.toBeInstanceOf(NotPermittedError);
    expect(await ctx.records.meetings.get(meeting.ref)).toMatchObject({ date: '2026-11-26', version: meeting.version, state: 'scheduled' });
    const byManager = await rescheduleMeeting(ctx, await person('tom.manager@example.org'), meeting.ref, change);
    expect(byManager).toMatchObject({ date: '2026-11-27', changes: [expect.objectContaining({ byName: 'Tom Manager' })] });
  });

  test('Validation: a new time in the past, outside the policy\u2019s timing window, unchanged, or without a reason is refused and nothing changes', async () => {
    const sam = await person('sam.social@example.org');
    const meeting = await conveneMeeting(ctx, sam, convene());
    const reason = 'The carer has a hospital appointment.';
    expect(await errorsOf(rescheduleMeeting(ctx, sam, meeting.ref, { newDate: '2026-11-20', newTime: '10:00', changeReason: reason }))).toEqual({
      newDate: 'A meeting cannot be booked in the past.',
    });
    expect(await errorsOf(rescheduleMeeting(ctx, sam, meeting.ref, { newDate: '2026-11-26', newTime: '10:00', changeReason: reason }))).toEqual({
      newTime: 'That is when the meeting already is: give a new date or time.',
    });
    expect(await errorsOf(rescheduleMeeting(ctx, sam, meeting.ref, { newDate: '2026-11-27', newTime: '25:00', changeReason: '' }))).toMatchObject({
      newTime: 'Give the new start time as HH:MM.',
      changeReason: expect.stringContaining('reason'),
    });
    expect(await errorsOf(cancelMeeting(ctx, sam, meeting.ref, {}))).toMatchObject({ changeReason: 'The reason for cancelling is required.' });

    // A Disruption Meeting may not be moved to sooner than six weeks after the ending (END-2).
    const disruption = await conveneMeeting(
      ctx,
      sam,
      convene({ type: 'disruption', placementEnded: '2026-10-20', date: '2026-12-02', chair: 'harry.hos@example.org', minuteTaker: '' }),
    );
    expect(await errorsOf(rescheduleMeeting(ctx, sam, disruption.ref, { newDate: '2026-11-30', newTime: '10:00', changeReason: reason }))).toEqual({
      newDate: expect.stringMatching(/^Too early: .*six weeks/),
    });
    expect(await ctx.records.meetings.get(meeting.ref)).toMatchObject({ date: '2026-11-26', version: meeting.version });
    expect(await ctx.records.audit.count({ action: 'meeting.rescheduled' })).toBe(0);
  });

  test('Graph: a reschedule moves the event and a cancel cancels it, from the outbox; a retry after the answer was lost changes nothing twice', async () => {
    const graph = new FakeGraph();
    ctx.calendar = { graph, publicUrl: () => 'https://bot.example.org' };
    await chatWith('sam.social@example.org');
    const sam = await person('sam.social@example.org');
    const meeting = await conveneMeeting(ctx, sam, convene());
    await createTeamsMeeting(ctx, meeting.ref, { lastAttempt: false });

    await rescheduleMeeting(ctx, sam, meeting.ref, { newDate: '2026-11-27', newTime: '14:00', changeReason: 'The carer has a hospital appointment.' });
    expect((await ctx.records.outbox.get(`${meeting.ref}:event-change:1`))?.content).toEqual({ kind: 'meeting-event-change', ref: meeting.ref, sequence: 1 });
    graph.failures.push(new GraphError('Microsoft Graph answered 429', 429, '2'));
    await expect(changeTeamsMeetingEvent(ctx, meeting.ref, 1, { lastAttempt: false })).rejects.toMatchObject({ statusCode: 429 });
    expect(await changeTeamsMeetingEvent(ctx, meeting.ref, 1, { lastAttempt: false })).toMatchObject({ done: true });
    expect(graph.calls.slice(1)).toEqual(['move event-1 2026-11-27T14:00:00.000Z']);

    await cancelMeeting(ctx, sam, meeting.ref, { changeReason: 'The placement has settled after all.' });
    // The older change's message, sent late, leaves the event to the newer one.
    expect(await changeTeamsMeetingEvent(ctx, meeting.ref, 1, { lastAttempt: false })).toMatchObject({ done: true });
    await changeTeamsMeetingEvent(ctx, meeting.ref, 2, { lastAttempt: false });
    await changeTeamsMeetingEvent(ctx, meeting.ref, 2, { lastAttempt: false });
    expect(graph.calls.slice(2).map((c) => c.split(' ').slice(0, 2).join(' '))).toEqual(['cancel event-1', 'cancel event-1']);
    expect(graph.calls[2]).not.toMatch(/settled/); // the free-text reason stays in Teams; Outlook mails carers too
    expect(await ctx.records.audit.count({ subject: meeting.ref, action: 'meeting.event-cancelled' })).toBe(1);
    expect(await ctx.records.audit.count({ subject: meeting.ref, action: 'meeting.event-moved' })).toBe(1);

    // A lasting refusal is audited and reported, not retried for ever.
    const second = await conveneMeeting(ctx, sam, convene({ caseRef: 'CR-1002', chair: 'tom.manager@example.org' }));
    await createTeamsMeeting(ctx, second.ref, { lastAttempt: false });
    await cancelMeeting(ctx, sam, second.ref, { changeReason: 'Convened for the wrong child by mistake.' });
    graph.failures.push(new GraphError('Microsoft Graph answered 403 (ErrorAccessDenied)', 403));
    expect(await changeTeamsMeetingEvent(ctx, second.ref, 1, { lastAttempt: false })).toMatchObject({ done: false, error: 'Microsoft Graph answered 403 (ErrorAccessDenied)' });
    expect(await ctx.records.audit.count({ subject: second.ref, action: 'meeting.event-change-failed' })).toBe(1);

    // The organiser's message is rendered after the call, from what it recorded (rendering calls no Graph).
    const calls = graph.calls.length;
    expect(await teamsMeetingEventChange(ctx, (await ctx.records.meetings.get(meeting.ref))!, 2)).toEqual({ done: true, error: null });
    expect(await teamsMeetingEventChange(ctx, (await ctx.records.meetings.get(second.ref))!, 1)).toEqual({
      done: false,
      error: 'Microsoft Graph answered 403 (ErrorAccessDenied)',
    });
    expect(graph.calls).toHaveLength(calls);
  });

  test('A meeting held and its outcome recorded can no longer be moved', async () => {
    const sam = await person('sam.social@example.org');
    const meeting = await conveneMeeting(ctx, sam, convene({ date: '2026-11-23' }));
    await recordOutcome(ctx, await person('fiona.foster@example.org'), meeting.ref, {
      decision: 'continue-with-support',
      summary: 'Agreed a package of weekly support and a review.',
      reviewDate: '2026-12-17',
      minuteTaker: 'ada.admin@example.org',
      actions: [],
      attended: 'sam.social@example.org',
    });
    await expect(rescheduleMeeting(ctx, sam, meeting.ref, { newDate: '2026-11-27', newTime: '10:00', changeReason: 'Too late to move this one.' })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });
});
