// Channels, group chats and meeting chats are shared: over real HTTP, the bot shows case references
// and structured facts there, never a child's name or what a worker typed, and says where the full
// card is. Free text shown anywhere cannot become a disguised link. The harness also checks, when
// every end-to-end test stops, everything sent to a shared conversation (test/support/fakeTeams.ts).
import { randomUUID } from 'node:crypto';
import { cardActions, cardText, firstCard, type SharedConversation, type TeamsUser } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { validMoveForm } from '../support/moveForm';

const RATIONALE = 'The carer gave notice after the third night-time incident this month.';
const ADVICE = 'Keep her at Greenhill Academy; the taxi is booked from Monday.';
const PLAN = 'Sam and the carer tell her together on Friday after tea.';
const CHILD_SAID = 'She told me she wants to keep her bedroom things and her cat.';
const DESCRIPTION = 'The carer rang in tears: the evenings have become very hard since the exclusion.';
const NAMES = /Jamie|Riley|Casey|Example|Sample|Demo/;
const WHERE_FULL = 'The full card, with the names and what people wrote, is in your own chat with the bot.';

const groupChat = (): SharedConversation => ({ id: `19:${randomUUID()}@thread.v2`, type: 'groupChat' });
const meetingChat = (): SharedConversation => ({ id: `19:meeting_${randomUUID()}@thread.v2`, type: 'groupChat', meetingId: `MCM${randomUUID()}` });
const channel = (): SharedConversation => ({ id: `19:${randomUUID()}@thread.tacv2`, type: 'channel' });

describe('shared conversations show case references and facts only', () => {
  let h: Harness;
  let sam: TeamsUser;
  let tom: TeamsUser;

  beforeEach(async () => {
    h = await startHarness();
    sam = h.user(PEOPLE.sam);
    tom = h.user(PEOPLE.tom);
  });
  afterEach(() => h.stop());

  const refOf = (card: unknown) => /PM-\d{4}-\d{4}/.exec(cardText(card))![0];

  test.each([
    ['a group chat', groupChat],
    ['a meeting chat', meetingChat],
    ['a channel', channel],
  ])('in %s the child pickers list case references only', async (_where, conversation) => {
    const shared = sam.in(conversation());
    for (const command of ['request a move', 'raise a concern']) {
      const [reply] = await shared.say(command);
      const picker = firstCard(reply.activity).body.find((e: any) => e.id === 'caseRef');
      expect(picker.choices.map((c: any) => c.title)).toEqual(['CR-1001', 'CR-1002', 'CR-1004']);
      expect(JSON.stringify(firstCard(reply.activity))).not.toMatch(NAMES);
    }
  });

  test("a move sent from a group chat comes back redacted there, and in full in the requester's own chat", async () => {
    const shared = sam.in(groupChat());
    const answer = (
      await shared.press('move.submit', validMoveForm({ caseRef: 'CR-1002', rationale: RATIONALE, virtualSchoolAdvice: ADVICE, childToldPlan: PLAN, childSaid: CHILD_SAID }))
    ).body.value;
    const text = cardText(answer);
    expect(text).toContain('Child: CR-1002');
    expect(text).toContain('Reason: ');
    expect(text).toContain(WHERE_FULL);
    expect(JSON.stringify(answer)).not.toMatch(NAMES);
    for (const typed of [RATIONALE, ADVICE, PLAN, CHILD_SAID]) expect(text).not.toContain(typed);
    expect(text).not.toContain('wishes and feelings');
  });

  test("approval cards in an approvals channel: decision buttons and structured facts; free text only in approvers' personal chats", async () => {
    const approvals = channel();
    await tom.in(approvals).say('approvals here North');
    const ref = refOf(
      (
        await sam.press(
          'move.submit',
          validMoveForm({
            caseRef: 'CR-1002',
            urgency: 'urgent',
            safeguardingIssue: 'An adult at the placement was cautioned last night.',
            alternativesConsidered: 'Two emergency carers in the county were asked.',
            rationale: RATIONALE,
            virtualSchoolAdvice: ADVICE,
            childToldPlan: PLAN,
            childSaid: CHILD_SAID,
          }),
        )
      ).body.value,
    );
    const posted = await h.connector.waitFor(() =>
      h.connector
        .sentTo(approvals.id)
        .map((a) => firstCard(a.activity))
        .find((c) => c && cardText(c).includes(ref)),
    );
    const text = cardText(posted);
    expect([...cardActions(posted).keys()]).toEqual(expect.arrayContaining(['Approve', 'Decline', 'Ask for more information']));
    for (const fact of [
      'Child: CR-1002',
      'Team: North',
      'Planned or urgent: URGENT (immediate safeguarding issue)',
      'The Virtual School\u2019s advice on education',
      'Why: MOVE-4',
      'Consulted.',
      WHERE_FULL,
    ])
      expect(text).toContain(fact);
    for (const typed of [RATIONALE, ADVICE, PLAN, CHILD_SAID, 'cautioned last night', 'emergency carers']) expect(text).not.toContain(typed);
    expect(JSON.stringify(posted)).not.toMatch(NAMES);

    // A Head of Service in the channel approves there, with a comment: the channel's card shows the decision, not the comment.
    const approver = h.user(PEOPLE.hana).in(approvals);
    const approve = cardActions(posted).get('Approve')!;
    const decided = (await approver.press(approve.verb, { ...approve.data, comment: 'Agreed given the caution; review in a month.' })).body.value;
    expect(cardText(decided)).toContain('Approved by Hana Head');
    expect(cardText(decided)).not.toContain('review in a month');
    expect(JSON.stringify(decided)).not.toMatch(NAMES);
  });

  test('"alerts" in a group chat lists case references; "Open" there shows the redacted card and says where the full one is; closing there shows no reason', async () => {
    await tom.say('hi');
    const raised = (
      await sam.press('alert.submit', {
        caseRef: 'CR-1001',
        triggers: 'carer-struggling',
        description: DESCRIPTION,
        immediateSafeguardingRisk: 'no',
        supportInPlace: '',
        noticedOn: '',
      })
    ).body.value;
    const ref = /FA-\d{4}-\d{4}/.exec(cardText(raised))![0];
    const shared = tom.in(groupChat());
    const [list] = await shared.say('alerts');
    const listCard = firstCard(list.activity);
    expect(cardText(listCard)).toContain(`${ref}: case CR-1001`);
    expect(JSON.stringify(listCard)).not.toMatch(NAMES);

    const open = cardActions(listCard).get('Open')!;
    const opened = (await shared.press(open.verb, open.data)).body.value;
    const text = cardText(opened);
    expect(text).toContain(`Fragility alert ${ref}`);
    expect(text).toContain('Child: CR-1001');
    expect(text).toContain(WHERE_FULL);
    expect(text).not.toContain(DESCRIPTION);
    expect(JSON.stringify(opened)).not.toMatch(NAMES);

    // Tom closes it there with a reason (twice, as a double click): neither answer shows the reason.
    const REASON = 'Closed after the carer agreed a respite plan with the Oakfield unit.';
    const close = cardActions(opened).get('Close alert')!;
    for (let i = 0; i < 2; i++) {
      const closed = (await shared.press(close.verb, { ...close.data, reason: REASON })).body.value;
      expect(cardText(closed)).toMatch(/closed/i);
      expect(cardText(closed)).not.toContain(REASON);
      expect(JSON.stringify(closed)).not.toMatch(NAMES);
    }
    expect((await h.bot.services.records.fragilityAlerts.get(ref))!.closure?.reason).toBe(REASON);

    // In Tom's own chat the same button shows it all.
    const [own] = await tom.say('alerts');
    expect(cardText(firstCard(own.activity))).toContain('There are no open alerts');
    const full = (await tom.press(open.verb, open.data)).body.value;
    expect(cardText(full)).toContain(DESCRIPTION);
    expect(cardText(full)).toContain(REASON);
    expect(cardText(full)).toContain('CR-1001 (Jamie Example)');
  });

  test('the scan of shared conversations finds a planted name or free text (so it can fail)', async () => {
    const shared = sam.in(groupChat());
    await shared.press('move.submit', validMoveForm({ caseRef: 'CR-1002', rationale: RATIONALE }));
    expect(h.connector.sharedLeaks(await h.secrets())).toEqual([]);
    h.connector.sharedInvokeResponses.push({
      conversationId: shared.conversationId,
      card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: `About \\*\\*Riley Sample\\*\\*: ${RATIONALE}` }] },
    });
    expect(h.connector.sharedLeaks(await h.secrets())).toEqual(
      expect.arrayContaining([expect.stringContaining('"Riley Sample"'), expect.stringContaining('"Riley"'), expect.stringContaining(RATIONALE)]),
    );
    h.connector.sharedInvokeResponses.pop();
  });
});

describe("a meeting's own chat is shared", () => {
  const STEVE = { id: '29:steve', name: 'Steve Supervising', aadObjectId: '00000000-0000-0000-0000-00000000a011', email: 'steve.ssw@example.org' };
  const FIONA = { id: '29:fiona', name: 'Fiona Foster', aadObjectId: '00000000-0000-0000-0000-00000000a012', email: 'fiona.foster@example.org' };
  const SUMMARY = 'Agreed therapeutic parenting support; the carer feels able to continue for now.';
  const ACTION = 'Book six sessions with the Riverside therapeutic parenting service';
  let h: Harness;
  let clock: number;
  beforeEach(async () => {
    clock = Date.now();
    h = await startHarness({ now: () => new Date(clock) });
  });
  afterEach(() => h.stop());

  test('the chair records the outcome in the meeting chat: the card there shows the decision, not the summary or the actions; "my tasks" there neither', async () => {
    const sam = h.user(PEOPLE.sam);
    const fiona = h.user(FIONA);
    const steve = h.user(STEVE);
    for (const u of [fiona, steve, h.user(PEOPLE.tom)]) await u.say('hi');
    const raised = (
      await sam.press('alert.submit', {
        caseRef: 'CR-1001',
        triggers: 'carer-struggling',
        description: DESCRIPTION,
        immediateSafeguardingRisk: 'no',
        supportInPlace: '',
        noticedOn: '',
      })
    ).body.value;
    const alertRef = /FA-\d{4}-\d{4}/.exec(cardText(raised))![0];
    const proposal = (await sam.press('meeting.propose', { alertRef, type: 'stability' })).body.value;
    const convene = cardActions(proposal).get('Send the invitations')!;
    const date = new Date(clock + 3 * 86_400_000).toISOString().slice(0, 10);
    const convened = (
      await sam.press(convene.verb, {
        ...convene.data,
        date,
        time: '10:00',
        durationMinutes: '60',
        chair: 'fiona.foster@example.org',
        minuteTaker: 'ada.admin@example.org',
        childAttendance: 'second-part',
        childAttendanceReason: 'She asked to join once the adults have talked it through.',
      })
    ).body.value;
    const ref = /MT-\d{4}-\d{4}/.exec(cardText(convened))![0];

    // The invitation Fiona received carries the outcome form; she uses it in the meeting's chat.
    const invitation = await h.connector.waitFor(() =>
      h.connector
        .sentTo(fiona.conversationId)
        .map((a) => firstCard(a.activity))
        .find((c) => c && cardText(c).includes(ref)),
    );
    const record = [...cardActions(invitation).values()].find((a) => a.verb === 'meeting.outcome');
    clock += 3 * 86_400_000 + 8 * 3_600_000;
    const chat = meetingChat();
    const outcome = (
      await fiona.in(chat).press('meeting.outcome', {
        ...(record?.data ?? { ref }),
        decision: 'support-package-agreed',
        attended: 'sam.social@example.org,fiona.foster@example.org',
        summary: SUMMARY,
        reviewDate: new Date(clock + 28 * 86_400_000).toISOString().slice(0, 10),
        minuteTaker: 'ada.admin@example.org',
        action1What: ACTION,
        action1Owner: 'steve.ssw@example.org',
        action1Due: new Date(clock + 7 * 86_400_000).toISOString().slice(0, 10),
      })
    ).body.value;
    const text = cardText(outcome);
    expect(text).toContain('The outcome is recorded');
    expect(text).toContain('Support package agreed');
    expect(text).toContain(WHERE_FULL);
    for (const typed of [SUMMARY, ACTION, 'asked to join once']) expect(text).not.toContain(typed);
    expect(JSON.stringify(outcome)).not.toMatch(/Jamie|Alex Carer/);

    const [tasks] = await steve.in(chat).say('my tasks');
    expect(cardText(firstCard(tasks.activity))).toContain(`An action agreed at ${ref}`);
    expect(cardText(firstCard(tasks.activity))).not.toContain(ACTION);
    const [own] = await steve.say('my tasks');
    expect(cardText(firstCard(own.activity))).toContain(ACTION);
  });
});

describe('free text is shown as plain text in every card', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  test('a Markdown link, emphasis or a right-to-left override in a rationale cannot make a disguised link on the approval card', async () => {
    const hana = h.user(PEOPLE.hana);
    await hana.say('hi');
    const rationale = 'Read [the signed plan](https://evil.example/steal) and **act now**: invoice\u202Efdp.exe is attached.';
    const ref = /PM-\d{4}-\d{4}/.exec(cardText((await h.user(PEOPLE.sam).press('move.submit', validMoveForm({ caseRef: 'CR-1002', rationale }))).body.value))![0];
    const card = await h.connector.waitFor(() =>
      h.connector
        .sentTo(hana.conversationId)
        .map((a) => firstCard(a.activity))
        .find((c) => c && cardText(c).includes(ref)),
    );
    const text = cardText(card);
    expect(text).toContain('Read \\[the signed plan\\](https://evil.example/steal) and \\*\\*act now\\*\\*: invoicefdp.exe is attached.');
    expect(JSON.stringify(card)).not.toMatch(/[^\\]\[the signed plan\]\(/);
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
  });
});
