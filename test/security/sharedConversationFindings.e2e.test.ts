// The security review's findings about shared conversations (channels, group chats, meeting chats),
// each reproduced over real HTTP: there only case references and structured facts are shown, never a
// child's name, a carer's name or what a worker typed, and a refused press leaves the shared card as
// it was and tells the presser in their own chat. The harness also checks, when each test stops,
// everything the bot sent to a shared conversation against the stored names and texts (carers' too).
import { randomUUID } from 'node:crypto';
import { addDays, ukDate } from '../../src/domain/dates';
import { buildDigest } from '../../src/services/digest';
import { digestCard } from '../../src/teams/digestCards';
import { cardActions, cardText, firstCard, type SharedConversation } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { validMoveForm } from '../support/moveForm';

const NAMES = /Jamie|Riley|Casey|Example|Sample|Demo/;
const CARERS = /Alex Carer|Bright Futures|Jo Relative/;
const STEVE = { id: '29:steve', name: 'Steve Supervising', aadObjectId: '00000000-0000-0000-0000-00000000a011', email: 'steve.ssw@example.org' };
const FIONA = { id: '29:fiona', name: 'Fiona Foster', aadObjectId: '00000000-0000-0000-0000-00000000a012', email: 'fiona.foster@example.org' };
const SUMMARY = 'The carer cannot go on after the second exclusion; the ending is planned for the spring.';
const CHILD_SAID = 'She said she wants to stay near her brother whatever happens.';
const SERVICE = 'Weekly sessions with the Riverside therapeutic parenting service for the carer';

const groupChat = (): SharedConversation => ({ id: `19:${randomUUID()}@thread.v2`, type: 'groupChat' });
const channel = (): SharedConversation => ({ id: `19:${randomUUID()}@thread.tacv2`, type: 'channel' });
/** The tasks card among what the bot said back (notices may arrive in a personal chat meanwhile). */
const tasksCardIn = (said: Array<{ activity: any }>) => said.map((a) => cardText(firstCard(a.activity))).find((t) => t.includes('Your open tasks')) ?? '';
const refIn = (card: unknown, prefix: 'PM' | 'FA' | 'MT') => new RegExp(`${prefix}-\\d{4}-\\d{4}`).exec(cardText(card))![0];

describe('shared conversations: the review findings', () => {
  let h: Harness;
  let clock: number;
  beforeEach(async () => {
    clock = Date.now();
    h = await startHarness({ now: () => new Date(clock) });
  });
  afterEach(() => h.stop());

  /** A Stability Meeting about an alert on `caseRef`, convened by Sam and chaired by Fiona, held three days on. */
  async function heldMeeting(caseRef: string) {
    const sam = h.user(PEOPLE.sam);
    const fiona = h.user(FIONA);
    for (const u of [fiona, h.user(STEVE), h.user(PEOPLE.tom)]) await u.say('hi');
    const raised = (
      await sam.press('alert.submit', {
        caseRef,
        triggers: 'carer-struggling',
        description: 'The evenings have become very hard since the exclusion.',
        immediateSafeguardingRisk: 'no',
        supportInPlace: '',
        noticedOn: '',
      })
    ).body.value;
    const proposal = (await sam.press('meeting.propose', { alertRef: refIn(raised, 'FA'), type: 'stability' })).body.value;
    const convene = cardActions(proposal).get('Send the invitations')!;
    const convened = (
      await sam.press(convene.verb, {
        ...convene.data,
        date: new Date(clock + 3 * 86_400_000).toISOString().slice(0, 10),
        time: '10:00',
        durationMinutes: '60',
        chair: FIONA.email,
        minuteTaker: 'ada.admin@example.org',
        childAttendance: 'whole',
      })
    ).body.value;
    clock += 3 * 86_400_000 + 8 * 3_600_000;
    return { sam, fiona, ref: refIn(convened, 'MT') };
  }

  const outcomeForm = (ref: string, fields: Record<string, string>) => ({
    ref,
    attended: `${PEOPLE.sam.email},${FIONA.email}`,
    summary: SUMMARY,
    reviewDate: new Date(clock + 28 * 86_400_000).toISOString().slice(0, 10),
    minuteTaker: 'ada.admin@example.org',
    childSaid: CHILD_SAID,
    advocateOffered: 'yes',
    ...fields,
  });

  test('finding 1: "moves" said or pressed in a group chat or a channel by a social worker shows case references only', async () => {
    const sam = h.user(PEOPLE.sam);
    const ref = refIn((await sam.press('move.submit', validMoveForm({ caseRef: 'CR-1001' }))).body.value, 'PM');
    for (const where of [groupChat(), channel()]) {
      const [said] = await sam.in(where).say('moves');
      const text = said.activity.text ?? cardText(firstCard(said.activity));
      expect(text).not.toMatch(NAMES);
    }
    const pressed = (await sam.in(groupChat()).press('moves.show', {})).body.value;
    expect(JSON.stringify(pressed)).not.toMatch(NAMES);
    // In his own chat he still gets his requests, with the child's name.
    const [own] = await sam.say('moves');
    expect(cardText(firstCard(own.activity))).toContain(`${ref} for Jamie Example (CR-1001)`);
  });

  test('finding 2: after a planned ending, the shared copy of the meeting has no pre-filled move request, and the pre-filled form is refused there', async () => {
    const { sam, fiona, ref } = await heldMeeting('CR-1001');
    const recorded = (
      await fiona.press('meeting.outcome', outcomeForm(ref, { decision: 'planned-ending', plannedEndDate: new Date(clock + 40 * 86_400_000).toISOString().slice(0, 10) }))
    ).body.value;
    expect(cardText(recorded)).toContain('The outcome is recorded');
    const shared = sam.in(groupChat());
    const shown = (await shared.press('meeting.show', { ref })).body.value;
    expect([...cardActions(shown).keys()]).not.toContain('Request the move (pre-filled)');
    const form = (await shared.press('meeting.moveForm', { ref })).body.value;
    for (const typed of [SUMMARY, CHILD_SAID]) expect(JSON.stringify(form)).not.toContain(typed);
    expect(cardText(form)).toMatch(/own chat/);
    // In Sam's own chat the button is there and fills the form.
    const own = (await sam.press('meeting.show', { ref })).body.value;
    const button = cardActions(own).get('Request the move (pre-filled)')!;
    expect(JSON.stringify((await sam.press(button.verb, button.data)).body.value)).toContain(CHILD_SAID);
  });

  test("finding 3: a carer's name in a follow-up task's title reaches neither a group chat, nor a shared move card, nor the channel digest", async () => {
    const sam = h.user(PEOPLE.sam);
    const hana = h.user(PEOPLE.hana);
    await hana.say('hi');
    const ref = refIn((await sam.press('move.submit', validMoveForm({ caseRef: 'CR-1004', proposedDate: ukDate(new Date(clock)) }))).body.value, 'PM');
    await h.connector.waitFor(() => hana.receivedCards().some((c) => cardText(c.card).includes(ref)));
    await hana.pressButton('Approve', { comment: '' }, { on: ref });
    await h.connector.waitFor(() => sam.receivedCards().some((c) => cardText(c.card).includes(ref) && cardActions(c.card).has('Confirm the move')));
    const confirmed = await sam.pressButton('Confirm the move', { moveDate: ukDate(new Date(clock)), placementType: 'U1' }, { on: ref });
    expect(cardText(confirmed.body.value)).toContain("The move is recorded in the child's history.");

    const shared = sam.in(groupChat());
    const [tasks] = await shared.say('my tasks');
    const tasksText = cardText(firstCard(tasks.activity));
    expect(tasksText).toContain('Tell the Placement Officer');
    expect(tasksText).not.toMatch(CARERS);
    const opened = (await shared.press('move.open', { ref })).body.value;
    expect(JSON.stringify(opened)).not.toMatch(CARERS);
    // The channel's digest two days later: the overdue task, without the carer.
    clock += 2 * 86_400_000;
    const date = ukDate(new Date(clock));
    const digest = digestCard(await buildDigest(h.bot.services, ['North'], date, null), new Date(clock));
    expect(cardText(digest)).toContain('CR-1004 · Tell the Placement Officer');
    expect(JSON.stringify(digest)).not.toMatch(CARERS);
    // In Sam's own chat the task still says whose placement it was.
    expect(tasksCardIn(await sam.say('my tasks'))).toContain('Jo Relative');
  });

  test('finding 3: a task stored before, with the carer in its title, is listed without the carer in a group chat after the next start', async () => {
    const sam = h.user(PEOPLE.sam);
    await h.bot.services.records.tasks.insert({
      _id: 'PM-2025-0009:end-placement-officer',
      version: 1,
      caseRef: 'CR-1004',
      team: 'North',
      sourceRef: 'PM-2025-0009',
      kind: 'end-placement-officer',
      title: 'Tell the Placement Officer that the placement with Jo Relative ended on Fri, 20 Nov 2026, so they serve notice on the provider and tell finance to stop payments',
      ruleIds: ['END-1'],
      owner: PEOPLE.sam.email,
      dueDate: '2026-11-20',
      state: 'open',
      createdAt: '2026-11-20T09:00:00.000Z',
      doneAt: null,
      doneBy: null,
    });
    await h.restart();
    const [tasks] = await sam.in(groupChat()).say('my tasks');
    const text = cardText(firstCard(tasks.activity));
    expect(text).toContain('Tell the Placement Officer that the old placement ended on Fri, 20 Nov 2026');
    expect(text).not.toMatch(CARERS);
    expect(tasksCardIn(await sam.say('my tasks'))).toContain('(the placement with Jo Relative)');
  });

  test("finding 3: a meeting's planned ending with an external provider and a panel's service needed stay out of titles shown in a group chat", async () => {
    const { sam, fiona, ref } = await heldMeeting('CR-1002');
    await fiona.press('meeting.outcome', outcomeForm(ref, { decision: 'planned-ending', plannedEndDate: new Date(clock + 40 * 86_400_000).toISOString().slice(0, 10) }));
    const [tasks] = await sam.in(groupChat()).say('my tasks');
    const text = cardText(firstCard(tasks.activity));
    expect(text).toContain('Tell the Placements Service today');
    expect(text).not.toMatch(CARERS);
    expect(tasksCardIn(await sam.say('my tasks'))).toContain('Bright Futures Fostering');
  });

  test("finding 3: the service a meeting asked a panel for is not in the task's title in a group chat", async () => {
    const { sam, fiona, ref } = await heldMeeting('CR-1001');
    await fiona.press('meeting.outcome', outcomeForm(ref, { decision: 'commissioning-panel', serviceNeeded: SERVICE }));
    const [tasks] = await sam.in(groupChat()).say('my tasks');
    const text = cardText(firstCard(tasks.activity));
    expect(text).toContain('Commissioning Panel');
    expect(text).not.toContain(SERVICE);
    expect(tasksCardIn(await sam.say('my tasks'))).toContain(SERVICE);
  });

  test('finding 8: a form sent back with errors in a group chat does not echo what the worker typed', async () => {
    const shared = h.user(PEOPLE.sam).in(groupChat());
    const RATIONALE = 'The carer gave notice after the third night-time incident this month.';
    const move = (
      await shared.press('move.submit', validMoveForm({ caseRef: 'CR-1002', proposedDate: addDays(ukDate(new Date(clock)), -30), rationale: RATIONALE, childSaid: CHILD_SAID }))
    ).body.value;
    expect(cardText(move)).toMatch(/Nothing was sent/);
    for (const typed of [RATIONALE, CHILD_SAID]) expect(JSON.stringify(move)).not.toContain(typed);
    // The structured answers are kept, so only the typed ones need entering again.
    expect(JSON.stringify(move)).toContain('"value":"CR-1002"');
    const DESCRIPTION = 'The carer rang in tears: the evenings have become very hard since the exclusion.';
    const alert = (
      await shared.press('alert.submit', { caseRef: 'CR-1001', triggers: '', description: DESCRIPTION, immediateSafeguardingRisk: 'no', supportInPlace: '', noticedOn: '' })
    ).body.value;
    expect(JSON.stringify(alert)).not.toContain(DESCRIPTION);
  });

  test('finding 8: a meeting is convened in a personal chat only: its form names the carers and asks what the child said', async () => {
    const sam = h.user(PEOPLE.sam);
    const raised = (
      await sam.press('alert.submit', {
        caseRef: 'CR-1001',
        triggers: 'carer-struggling',
        description: 'Evenings are very hard.',
        immediateSafeguardingRisk: 'no',
        supportInPlace: '',
        noticedOn: '',
      })
    ).body.value;
    const alertRef = refIn(raised, 'FA');
    const shared = sam.in(groupChat());
    const card = (await shared.press('alert.show', { ref: alertRef })).body.value;
    expect([...cardActions(card).values()].map((a) => a.verb)).not.toContain('meeting.propose');
    const REASON = 'She finds the first part too upsetting after what happened at contact.';
    for (const [verb, extra] of [
      ['meeting.propose', {}],
      ['meeting.convene', { date: '', time: '10:00', durationMinutes: '60', chair: FIONA.email, childAttendance: 'second-part', childAttendanceReason: REASON }],
    ] as const) {
      // A message only the presser sees (the card pressed stays as it was).
      const answer = (await shared.press(verb, { alertRef, type: 'stability', ...extra })).body;
      expect(answer.type).toBe('application/vnd.microsoft.activity.message');
      expect(answer.value).toContain('convened in your own chat');
      expect(JSON.stringify(answer)).not.toContain(REASON);
    }
    expect(await h.bot.services.records.meetings.count({})).toBe(0);
    // In Sam's own chat the alert card offers it.
    expect([...cardActions((await sam.press('alert.show', { ref: alertRef })).body.value).values()].map((a) => a.verb)).toContain('meeting.propose');
  });

  test("finding 8: an outcome form sent back with errors in the meeting's chat does not echo the summary", async () => {
    const { fiona, ref } = await heldMeeting('CR-1001');
    const answer = (await fiona.in(groupChat()).press('meeting.outcome', outcomeForm(ref, { decision: 'planned-ending', plannedEndDate: '' }))).body.value;
    expect(cardText(answer)).toMatch(/Nothing was recorded/);
    for (const typed of [SUMMARY, CHILD_SAID]) expect(JSON.stringify(answer)).not.toContain(typed);
  });

  test('finding 9: a refused press on the approvals channel leaves the card there as it was and tells the presser in their own chat', async () => {
    const approvals = channel();
    const tom = h.user(PEOPLE.tom);
    const sam = h.user(PEOPLE.sam);
    await sam.say('hi');
    await tom.in(approvals).say('approvals here North');
    const ref = refIn((await sam.press('move.submit', validMoveForm({ caseRef: 'CR-1002' }))).body.value, 'PM');
    const posted = await h.connector.waitFor(() =>
      h.connector
        .sentTo(approvals.id)
        .map((a) => ({ id: a.activityId, card: firstCard(a.activity) }))
        .find((c) => c.card && cardText(c.card).includes(ref)),
    );
    const approve = cardActions(posted.card).get('Approve')!;
    const answer = (await sam.in(approvals).press(approve.verb, { ...approve.data, comment: '' }, posted.id)).body;
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(answer.value)).toBe(cardText(posted.card));
    expect([...cardActions(answer.value).keys()]).toEqual([...cardActions(posted.card).keys()]);
    const told = await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find((a) => cardText(firstCard(a.activity)).includes('Not allowed')));
    expect(cardText(firstCard(told.activity))).toContain(ref);
    expect((await h.bot.services.records.moveRequests.get(ref))!.state).toBe('pending');
  });

  test('finding 9: a refused press on a card the bot did not post in that conversation shows nothing of the record there', async () => {
    const sam = h.user(PEOPLE.sam);
    const ref = refIn((await sam.press('move.submit', validMoveForm({ caseRef: 'CR-1002' }))).body.value, 'PM');
    const priya = h.user(PEOPLE.priya);
    const answer = (await priya.in(groupChat()).press('move.decide', { ref, decision: 'approve', comment: '' })).body;
    // A message only the presser sees: Teams leaves the pressed card as it was.
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toMatch(/^Not allowed: /);
    expect(JSON.stringify(answer)).not.toContain('CR-1002');
    expect((await h.bot.services.records.moveRequests.get(ref))!.state).toBe('pending');
  });

  test("finding 9: someone pressing Done on another person's task list in a group chat leaves that list as it was", async () => {
    const { sam, fiona, ref } = await heldMeeting('CR-1001');
    await fiona.press('meeting.outcome', outcomeForm(ref, { decision: 'commissioning-panel', serviceNeeded: SERVICE }));
    const chat = groupChat();
    const [list] = await sam.in(chat).say('my tasks');
    const done = [...cardActions(firstCard(list.activity)).values()].find((a) => a.verb === 'task.done')!;
    const answer = (await h.user(PEOPLE.priya).in(chat).press(done.verb, done.data, list.activityId)).body;
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect((await h.bot.services.records.tasks.get(done.data.taskId as string))!.state).toBe('open');
  });

  test('a refused press in a shared conversation leaves the shared card: "Convene the review" on the meetings list in a group chat is answered in the presser\'s own chat', async () => {
    const { sam, fiona, ref } = await heldMeeting('CR-1001');
    expect(cardText((await fiona.press('meeting.outcome', outcomeForm(ref, { decision: 'commissioning-panel', serviceNeeded: SERVICE }))).body.value)).toContain(
      'The outcome is recorded',
    );
    const chat = groupChat();
    const [list] = await sam.in(chat).say('meetings');
    const convene = cardActions(firstCard(list.activity)).get('Convene the review')!;
    expect(convene.verb).toBe('meeting.propose');
    const answer = (await sam.in(chat).press(convene.verb, convene.data, list.activityId)).body;
    // A message only the presser sees: Teams leaves the meetings list as it was for everyone in the chat.
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toMatch(/^In your own chat: Meetings are convened in your own chat/);
    const told = await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find((a) => cardText(firstCard(a.activity)).includes('the card there is unchanged')));
    expect(cardText(firstCard(told.activity))).toContain('Meetings are convened in your own chat');
    expect(await h.bot.services.records.meetings.count({})).toBe(1);
  });

  test('finding 10: "cover" from someone who may not set cover is refused, showing no managers', async () => {
    const [reply] = await h.user(PEOPLE.sam).say('cover');
    const text = reply.activity.text ?? cardText(firstCard(reply.activity));
    expect(text).not.toMatch(/Hana|Harry|Tom Manager|@example\.org/);
    expect(text).toMatch(/not allowed|Only/i);
    // A Head of Service who may set cover does it in her own chat: not from a group chat, whose card would list the managers.
    const pressed = (await h.user(PEOPLE.hana).in(groupChat()).press('cover.set', { team: 'North', cover: PEOPLE.harry.email, from: '', to: '' })).body.value;
    expect(JSON.stringify(pressed)).not.toMatch(/@example\.org|Harry Hughes/);
    expect(await h.bot.services.records.covers.count({})).toBe(0);
  });
});
