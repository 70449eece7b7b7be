// Fragility alerts and placement meetings end to end: real HTTP into /api/messages, the real bot
// and store, a fake Teams connector, and (for the Graph path) a fake Microsoft Graph on 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { addDays, ukDate } from '../../src/domain/dates';
import { cardActions, cardText, firstCard, type Member, type SentActivity, type TeamsUser } from '../support/fakeTeams';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { openAlertsForTeams } from '../../src/services/alerts';

const MORE = {
  steve: { id: '29:steve', name: 'Steve Supervising', aadObjectId: '00000000-0000-0000-0000-00000000a011', email: 'steve.ssw@example.org' },
  fiona: { id: '29:fiona', name: 'Fiona Foster', aadObjectId: '00000000-0000-0000-0000-00000000a012', email: 'fiona.foster@example.org' },
  val: { id: '29:val', name: 'Val School', aadObjectId: '00000000-0000-0000-0000-00000000a013', email: 'val.school@example.org' },
} satisfies Record<string, Member>;

const DAY = 86_400_000;

/** Every string in a card, to check that nothing was left unexpanded. */
const unexpanded = (card: unknown) => JSON.stringify(card).includes('${');

function expectCleanCard(card: any) {
  expect(card.version).toBe('1.5');
  expect(unexpanded(card)).toBe(false);
}

const alertForm = (overrides: Record<string, string> = {}) => ({
  caseRef: 'CR-1001',
  triggers: 'carer-struggling,fragile-relationship',
  description: 'The carer rang: the evenings have become very hard since the school exclusion.',
  immediateSafeguardingRisk: 'no',
  supportInPlace: 'Respite weekend and weekly SSW visits since last month.',
  noticedOn: '',
  ...overrides,
});

function openUrls(card: unknown): Map<string, string> {
  const urls = new Map<string, string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.OpenUrl') urls.set(String(n.title), String(n.url));
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return urls;
}

describe('fragility alerts and meetings over HTTP, invitations in Teams (no Microsoft Graph)', () => {
  let h: Harness;
  let clock: number;
  let sam: TeamsUser;
  let tom: TeamsUser;
  let steve: TeamsUser;
  let fiona: TeamsUser;
  const today = () => ukDate(new Date(clock));

  beforeEach(async () => {
    clock = Date.now();
    h = await startHarness({ now: () => new Date(clock) });
    sam = h.user(PEOPLE.sam);
    tom = h.user(PEOPLE.tom);
    steve = h.user(MORE.steve);
    fiona = h.user(MORE.fiona);
    // Everyone but Sam opens the bot once, so it can reach them.
    for (const u of [tom, steve, fiona, h.user(MORE.val)]) await u.say('hi');
  });
  afterEach(async () => {
    await h.stop();
  });

  const cardFor = (user: TeamsUser, text: string) =>
    h.connector.waitFor(() => h.connector.sentTo(user.conversationId).find((a: SentActivity) => cardText(firstCard(a.activity)).includes(text)));

  test('raise a concern -> the team manager and SSW told -> stability meeting for in-house foster care chaired by the fostering manager -> invitations with .ics -> outcome -> tasks', async () => {
    // The form offers the social worker's own children; bad answers come back with messages and nothing is stored.
    const [formReply] = await sam.say('raise a concern');
    const form = firstCard(formReply.activity);
    expectCleanCard(form);
    expect(form.body.find((e: any) => e.id === 'caseRef').choices.map((c: any) => c.value)).toEqual(['CR-1001', 'CR-1002', 'CR-1004']);
    const refused = (await sam.press('alert.submit', alertForm({ triggers: '', description: 'short' }))).body.value;
    expect(cardText(refused)).toContain('Nothing was sent.');
    expect(cardText(refused)).toContain('Choose at least one sign that the placement is at risk.');
    expect(refused.body.find((e: any) => e.id === 'description').value).toBe('short');
    expect(await h.bot.services.records.fragilityAlerts.count({})).toBe(0);

    // Raised: the card shows the next steps and offers the meeting; the manager and SSW are told.
    const raised = (await sam.press('alert.submit', alertForm())).body.value;
    expectCleanCard(raised);
    const raisedText = cardText(raised);
    const alertRef = /FA-\d{4}-\d{4}/.exec(raisedText)![0];
    expect(raisedText).toContain(`Raised as ${alertRef}`);
    expect(raisedText).toContain('Call a Placement Stability Meeting');
    expect(raisedText).toContain('Why: FRAG-5');
    expect(raisedText).not.toMatch(/\((?:MOVE|FRAG|PLAN|END|AFTER)-\d+(?:, [A-Z]+-\d+)*\)/); // ids only in the "Why:" lines
    expect(raisedText).toContain('Told in Teams: Tom Manager, Steve Supervising.');
    expect(cardActions(raised).get('Convene meeting')).toEqual({ verb: 'meeting.propose', data: { alertRef } });
    await cardFor(tom, `Fragility alert ${alertRef}`);
    await cardFor(steve, `Fragility alert ${alertRef}`);

    // The proposal: who and why, the fostering manager as chair (Meetings table, 003).
    const proposal = (await sam.press('meeting.propose', { alertRef, type: 'stability' })).body.value;
    expectCleanCard(proposal);
    const proposalText = cardText(proposal);
    expect(proposalText).toContain('The fostering manager chairs for the council\u2019s own foster carers (PR1)');
    expect(proposal.body.find((e: any) => e.id === 'chair').value).toBe('fiona.foster@example.org');
    for (const who of [
      'Sam Social, Child\u2019s social worker',
      'Alex Carer, Foster carer(s)',
      'Steve Supervising, Supervising social worker',
      'Fiona Foster, Fostering manager',
      'Val School, Virtual School',
    ]) {
      expect(proposalText).toContain(who);
    }
    const convene = cardActions(proposal).get('Send the invitations')!;
    expect(convene.data).toEqual({ type: 'stability', caseRef: 'CR-1001' });

    // Sent without a minute taker: refused with the reason, nothing stored.
    const date = addDays(today(), 3);
    const missing = (await sam.press(convene.verb, { ...convene.data, date, time: '10:00', durationMinutes: '60', chair: 'fiona.foster@example.org', childAttendance: 'whole' }))
      .body.value;
    expect(cardText(missing)).toContain('Name the allocated minute taker: every Placement Stability Meeting has one.');
    expect(await h.bot.services.records.meetings.count({})).toBe(0);

    const convened = (
      await sam.press(convene.verb, {
        ...convene.data,
        date,
        time: '10:00',
        durationMinutes: '60',
        chair: 'fiona.foster@example.org',
        minuteTaker: 'ada.admin@example.org',
        childAttendance: 'whole',
      })
    ).body.value;
    expectCleanCard(convened);
    const convenedText = cardText(convened);
    const ref = /MT-\d{4}-\d{4}/.exec(convenedText)![0];
    expect(convenedText).toContain(`Convened as ${ref}. The invitations have been sent.`);
    expect(convenedText).toContain('Alex Carer, Foster carer(s): alex.carer@example.org'); // not on Teams: for the organiser to invite
    const ics = openUrls(convened).get('Add to calendar (.ics)')!;
    expect(ics).toMatch(new RegExp(`^${h.url}/meetings/${ref}\\.ics\\?token=`));

    // Fiona is invited in Teams; the calendar file opens with the token and not without it.
    const invitation = firstCard((await cardFor(fiona, `Placement Stability Meeting ${ref}`)).activity);
    expect(cardText(invitation)).toContain('You are invited by Sam Social.');
    expect(openUrls(invitation).get('Add to calendar (.ics)')).toBe(ics);
    const file = await fetch(ics);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await file.text()).toContain(`SUMMARY:Placement Stability Meeting ${ref} (case CR-1001)`);
    expect((await fetch(ics.replace(/token=.*/, 'token=guess'))).status).toBe(404);

    // After the meeting the chair records the outcome with the review date; the actions become tasks.
    clock += 3 * DAY + 8 * 3_600_000;
    const outcome = (
      await fiona.press('meeting.outcome', {
        ref,
        decision: 'support-package-agreed',
        attended: 'sam.social@example.org,fiona.foster@example.org',
        sentViews: 'val.school@example.org',
        summary: 'A package of therapeutic parenting support and school liaison was agreed with everyone.',
        reviewDate: addDays(date, 28),
        minuteTaker: 'ada.admin@example.org',
        action1What: 'Arrange six therapeutic parenting sessions',
        action1Owner: 'steve.ssw@example.org',
        action1Due: addDays(date, 7),
        action2What: '',
        action2Owner: '',
        action2Due: '',
        childSaid: 'Jamie told everyone he wants to stay and to keep his football on Saturdays.',
        advocateOffered: 'yes',
      })
    ).body.value;
    expectCleanCard(outcome);
    expect(cardText(outcome)).toContain('The outcome is recorded; 2 follow-up tasks created');
    // The child's voice, as the meeting heard it, on the chair's card in her own chat.
    expect(cardText(outcome)).toContain('The child said: Jamie told everyone he wants to stay and to keep his football on Saturdays.');
    const [tasks] = await steve.say('my tasks');
    expect(cardText(firstCard(tasks.activity))).toContain('Arrange six therapeutic parenting sessions');
    await cardFor(steve, `New task from ${ref}`);

    // The alert is closed by the outcome; the review is due in Sam's meetings.
    const [alerts] = await tom.say('alerts');
    expect(cardText(firstCard(alerts.activity))).toContain('There are no open alerts in your teams.');
    const [meetings] = await sam.say('meetings');
    expectCleanCard(firstCard(meetings.activity));
    expect(cardText(firstCard(meetings.activity))).toContain(`booked at ${ref}`);
  });

  test('Meetings that change: the organiser reschedules, then cancels, from the meeting card; every invitee is told and the .ics carries each change', async () => {
    // Convened through the buttons Sam receives: the alert's "Convene meeting", then "Send the invitations".
    const raised = (await sam.press('alert.submit', alertForm())).body.value;
    const offer = cardActions(raised).get('Convene meeting')!;
    const proposal = (await sam.press(offer.verb, { ...offer.data, type: 'stability' })).body.value;
    const send = cardActions(proposal).get('Send the invitations')!;
    const date = addDays(today(), 3);
    const convened = (
      await sam.press(send.verb, {
        ...send.data,
        date,
        time: '10:00',
        durationMinutes: '60',
        chair: 'fiona.foster@example.org',
        minuteTaker: 'ada.admin@example.org',
        childAttendance: 'whole',
        childNotAskedBecause: 'Jamie is on a residential school trip until the weekend.',
        advocateOffered: 'yes',
      })
    ).body.value;
    const ref = /MT-\d{4}-\d{4}/.exec(cardText(convened))![0];
    const ics = openUrls(convened).get('Add to calendar (.ics)')!;
    expect(cardText(convened)).toContain('Reschedule or cancel');
    const invitation = firstCard((await cardFor(fiona, `You are invited by Sam Social.`)).activity);
    expect(cardActions(invitation).has('Reschedule')).toBe(false); // the chair is not the organiser
    // The child's voice, recorded when convening, reaches the chair in her own chat.
    expect(cardText(invitation)).toContain('Not asked, because: Jamie is on a residential school trip until the weekend.');
    expect(cardText(invitation)).toContain('An advocate was offered.');

    // A new time in the past: the reason on the card, nothing changed.
    const reschedule = cardActions(convened).get('Reschedule')!;
    const refused = (
      await sam.press(reschedule.verb, { ...reschedule.data, newDate: addDays(today(), -1), newTime: '10:00', changeReason: 'The carer has a hospital appointment.' })
    ).body.value;
    expectCleanCard(refused);
    expect(cardText(refused)).toContain('A meeting cannot be booked in the past.');
    expect((await h.bot.services.records.meetings.get(ref))!.date).toBe(date);

    // Rescheduled: Fiona gets the changed card; the same .ics link now has SEQUENCE:1 and the new time.
    const newDate = addDays(today(), 4);
    const moved = (await sam.press(reschedule.verb, { ...reschedule.data, newDate, newTime: '14:00', changeReason: 'The carer has a hospital appointment.' })).body.value;
    expectCleanCard(moved);
    expect(cardText(moved)).toContain(`Moved to ${newDate} at 14:00. Every invitee on Teams is told and the calendar file carries the change.`);
    const movedNotice = firstCard((await cardFor(fiona, 'Sam Social moved this meeting')).activity);
    expectCleanCard(movedNotice);
    const movedIcs = await (await fetch(ics)).text();
    expect(movedIcs).toContain(`UID:${ref}@placement-stability-bot`);
    expect(movedIcs).toContain('SEQUENCE:1');
    expect(movedIcs).toContain('METHOD:PUBLISH');

    // Cancelled from the card the reschedule returned: Fiona is told; the .ics says CANCEL with SEQUENCE:2.
    const cancel = cardActions(moved).get('Cancel the meeting')!;
    const cancelled = (await sam.press(cancel.verb, { ...cancel.data, newDate, newTime: '14:00', changeReason: 'The placement has settled; everyone agreed.' })).body.value;
    expectCleanCard(cancelled);
    expect(cardText(cancelled)).toContain('Cancelled. Every invitee on Teams is told');
    expect(cardActions(cancelled).has('Reschedule')).toBe(false);
    await cardFor(fiona, 'Sam Social cancelled this meeting');
    const cancelledIcs = await (await fetch(ics)).text();
    expect(cancelledIcs).toContain('METHOD:CANCEL');
    expect(cancelledIcs).toContain('STATUS:CANCELLED');
    expect(cancelledIcs).toContain('SEQUENCE:2');
    const actions = (await h.bot.services.records.audit.find({ subject: ref })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['meeting.rescheduled', 'meeting.cancelled']));
  });

  test('an immediate risk is marked urgent; several open alerts on one child are shown together; channels see case references only', async () => {
    await sam.press('alert.submit', alertForm());
    await steve.press('alert.submit', alertForm({ triggers: 'missing-or-absent', immediateSafeguardingRisk: 'yes', supportInPlace: '' }));
    const urgent = await cardFor(tom, 'URGENT: an immediate safeguarding risk');
    expect(urgent.activity).toMatchObject({ importance: 'high', channelData: { notification: { alert: true } } });
    const text = cardText(firstCard(urgent.activity));
    expect(text).toContain('Other open alerts on this child');
    expect(text).toContain('Child: CR-1001 (Jamie Example)'); // personal chat, allowed

    const channelId = `19:${randomUUID()}@thread.tacv2`;
    const { status } = await tom.post({
      type: 'message',
      id: 'm1',
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      from: { id: PEOPLE.tom.id, name: PEOPLE.tom.name, aadObjectId: PEOPLE.tom.aadObjectId },
      recipient: { id: '28:bot-id', name: 'Placement Stability Bot' },
      conversation: { id: `${channelId};messageid=m1`, conversationType: 'channel', isGroup: true },
      channelData: { team: { id: '19:team@thread.tacv2' }, channel: { id: channelId }, tenant: { id: 't' } },
      entities: [{ type: 'mention', mentioned: { id: '28:bot-id', name: 'Placement Stability Bot' }, text: '<at>Placement Stability Bot</at>' }],
      text: '<at>Placement Stability Bot</at> alerts',
    });
    expect(status).toBe(200);
    const posted = await h.connector.waitFor(() =>
      h.connector.activities.find((a) => a.conversationId.startsWith(channelId) && cardText(firstCard(a.activity)).includes('Open fragility alerts')),
    );
    const channelText = JSON.stringify(firstCard(posted.activity));
    expect(channelText).toContain('CR-1001');
    expect(channelText).not.toContain('Jamie');
  });

  test('FRAG-1, MOVE-3, MOVE-6, FRAG-6: the Virtual School raises an urgent allegation; it leads with the allegations process; the social worker refers to the Placement Stability Panel and records the decision', async () => {
    const val = h.user(MORE.val);
    await sam.say('hi');
    // FRAG-1: the Virtual School works with the child and may raise a concern; the form is the one Val received.
    const [formReply] = await val.say('raise a concern');
    const form = firstCard(formReply.activity);
    expectCleanCard(form);
    expect(form.body.find((e: any) => e.id === 'caseRef').choices.map((c: any) => c.value)).toContain('CR-1001');
    const submit = cardActions(form).get('Raise the concern')!;
    const raised = (
      await val.press(submit.verb, {
        ...submit.data,
        ...alertForm({
          triggers: 'allegation-or-complaint',
          description: 'At school today Jamie said the carer hit him last night; there is a mark on his arm.',
          immediateSafeguardingRisk: 'yes',
          supportInPlace: '',
          essentialServiceUnavailable: 'yes',
          childSaid: 'He said he does not want to go back there tonight.',
          advocateOffered: 'yes',
        }),
      })
    ).body.value;
    expectCleanCard(raised);
    const raisedText = cardText(raised);
    const alertRef = /FA-\d{4}-\d{4}/.exec(raisedText)![0];
    // MOVE-3: safeguarding leads, for an allegation the allegations process; no "support first", no support meeting.
    expect(raisedText).toContain('Act on your safeguarding procedures now: an allegation against a carer goes to the council\u2019s allegations process');
    expect(raisedText.indexOf('Act on your safeguarding procedures now')).toBeLessThan(raisedText.indexOf('Suggested next steps') + 200);
    expect(raisedText).not.toContain('Put added support in place first');
    expect(raisedText).not.toContain('Hold a Placement Support Meeting');
    // MOVE-6: the next-placement rule after an allegation is shown.
    expect(raisedText).toContain('the next placement must be able to keep the child for months');
    // Val does not present at panels: no referral button for her.
    expect(cardActions(raised).has('Refer to the Placement Stability Panel')).toBe(false);

    // The social worker and the team manager are told, urgently.
    const tomCopy = await cardFor(tom, 'URGENT: an immediate safeguarding risk');
    expect(tomCopy.activity).toMatchObject({ importance: 'high' });
    const samCopy = firstCard((await cardFor(sam, `Fragility alert ${alertRef}`)).activity);
    expectCleanCard(samCopy);
    expect(cardText(samCopy)).toContain('The answers call for the Placement Stability Panel');
    // The child's voice: on the social worker's personal card, in full.
    expect(cardText(samCopy)).toContain('The child said: He said he does not want to go back there tonight.');
    expect(cardText(samCopy)).toContain('An advocate was offered.');

    // FRAG-6: Sam refers from the card he received; a second press changes nothing.
    const refer = cardActions(samCopy).get('Refer to the Placement Stability Panel')!;
    expect(refer).toEqual({ verb: 'alert.panel.refer', data: { ref: alertRef, panel: 'stability-panel' } });
    const referred = (await sam.press(refer.verb, refer.data)).body.value;
    expectCleanCard(referred);
    expect(cardText(referred)).toContain('Placement Stability Panel: referred');
    expect(cardText(referred)).toContain('decision awaited');
    const again = (await sam.press(refer.verb, refer.data)).body.value;
    expect(cardText(again)).toContain(`${alertRef} was already referred to the Placement Stability Panel.`);
    const task = await h.bot.services.records.tasks.get(`${alertRef}:panel:stability-panel`);
    expect(task).toMatchObject({ owner: 'sam.social@example.org', state: 'open', ruleIds: ['FRAG-6'] });

    // The decision: a future date is refused with the reason and nothing changes; then agreed today.
    const decide = cardActions(referred).get('Record the Placement Stability Panel\u2019s decision')!;
    expect(decide).toEqual({ verb: 'alert.panel.decision', data: { ref: alertRef, panel: 'stability-panel' } });
    const future = (await sam.press(decide.verb, { ...decide.data, 'outcome_stability-panel': 'agreed', 'decidedOn_stability-panel': addDays(today(), 2) })).body.value;
    expect(cardText(future)).toContain('The panel\u2019s decision cannot be dated in the future.');
    expect((await h.bot.services.records.fragilityAlerts.get(alertRef))!.panelReferrals![0].decision).toBeNull();
    const decided = (await sam.press(decide.verb, { ...decide.data, 'outcome_stability-panel': 'agreed', 'decidedOn_stability-panel': today() })).body.value;
    expectCleanCard(decided);
    expect(cardText(decided)).toContain('Placement Stability Panel: referred');
    expect(cardText(decided)).toMatch(/agreed on/);
    expect(cardActions(decided).has('Record the Placement Stability Panel\u2019s decision')).toBe(false);

    // The raiser hears the decision; the task is done; every change is audited; the digest shows it.
    await cardFor(val, 'Placement Stability Panel: agreed');
    expect(await h.bot.services.records.tasks.get(`${alertRef}:panel:stability-panel`)).toMatchObject({ state: 'done', doneBy: 'sam.social@example.org' });
    const actions = (await h.bot.services.records.audit.find({ subject: alertRef })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['alert.raised', 'alert.panel.referred', 'alert.panel.decided', 'task.created', 'task.done']));
    const digest = await openAlertsForTeams(h.bot.services, ['North']);
    expect(digest.find((a) => a.ref === alertRef)).toMatchObject({ urgent: true, panels: [expect.stringMatching(/^Placement Stability Panel: referred .*; agreed on /)] });
  });

  test('Disruption Meeting: five weeks after the ending is refused with the reason, and so is an involved chair', async () => {
    const ended = addDays(today(), -7);
    const proposal = (await sam.press('meeting.propose', { type: 'disruption', caseRef: 'CR-1001' })).body.value;
    expect(cardText(proposal)).toContain('chaired by an IRO or similar person who has not been involved');
    const refused = (
      await sam.press('meeting.convene', { type: 'disruption', caseRef: 'CR-1001', placementEnded: ended, date: addDays(ended, 35), time: '10:00', chair: 'ivy.iro@example.org' })
    ).body.value;
    const text = cardText(refused);
    expect(text).toContain(`Too early: A Disruption Meeting is held at least six weeks after the placement ended (${ended}), so on or after ${addDays(ended, 42)}.`);
    expect(text).toContain('Ivy Reviewer is the child\u2019s own IRO, so cannot chair the Disruption Meeting');
    expect(await h.bot.services.records.meetings.count({})).toBe(0);
  });

  test('someone not on the roster cannot raise an alert', async () => {
    const stranger = h.user(PEOPLE.stranger);
    const [reply] = await stranger.say('raise a concern');
    expect(reply.activity.text ?? cardText(firstCard(reply.activity))).toContain('not set up to use the Placement Stability Bot');
    const pressed = (await stranger.press('alert.submit', alertForm())).body.value;
    expect(cardText(pressed)).toContain('not set up to use the Placement Stability Bot');
    expect(await h.bot.services.records.fragilityAlerts.count({})).toBe(0);
  });
});

describe('meetings over HTTP with Microsoft Graph (a local endpoint, the token from a local managed identity endpoint)', () => {
  let h: Harness;
  let graph: FakeGraph;
  let restoreEnv: () => void;

  beforeEach(async () => {
    graph = await startFakeGraph();
    restoreEnv = graph.actAsManagedIdentityEndpoint();
    h = await startHarness({ env: graph.env() });
  });
  afterEach(async () => {
    await h.stop();
    restoreEnv();
    await graph.stop();
  });

  test('an IFA stability meeting is chaired by the team manager; the Teams meeting is created after a 429 with Retry-After, and the organiser gets the join link', async () => {
    const sam = h.user(PEOPLE.sam);
    await sam.say('hi');
    const proposal = (await sam.press('meeting.propose', { type: 'stability', caseRef: 'CR-1002' })).body.value;
    expect(cardText(proposal)).toContain('The children\u2019s social work manager (the child\u2019s team manager) chairs for an independent fostering agency placement');
    expect(proposal.body.find((e: any) => e.id === 'chair').value).toBe('tom.manager@example.org');

    graph.eventAnswers.push({ status: 429, headers: { 'Retry-After': '1' }, body: { error: { code: 'ApplicationThrottled', message: 'Too many requests' } } });
    const date = addDays(ukDate(new Date()), 2);
    const convened = (
      await sam.press('meeting.convene', {
        type: 'stability',
        caseRef: 'CR-1002',
        date,
        time: '14:00',
        durationMinutes: '90',
        chair: 'tom.manager@example.org',
        minuteTaker: 'ada.admin@example.org',
        childAttendance: 'second-part',
        childAttendanceReason: 'The young person asked to join after the adults have talked.',
      })
    ).body.value;
    const ref = /MT-\d{4}-\d{4}/.exec(cardText(convened))![0];
    expect(cardText(convened)).toContain('The Teams meeting is being created');

    const done = await h.connector.waitFor(
      () => h.connector.sentTo(sam.conversationId).find((a) => cardText(firstCard(a.activity)).includes('The Teams meeting is created and the invitations are sent.')),
      15_000,
    );
    expect(openUrls(firstCard(done.activity)).get('Join the Teams meeting')).toBe('https://teams.microsoft.com/l/meetup-join/19%3ameeting_1');
    const [throttled, created] = graph.eventPosts();
    expect(created.at - throttled.at).toBeGreaterThanOrEqual(950); // Retry-After honoured
    const event = JSON.parse(created.body);
    expect(event).toMatchObject({
      subject: `Placement Stability Meeting ${ref} (case CR-1002)`,
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      transactionId: ref,
    });
    expect(event.attendees.map((a: any) => a.emailAddress.address)).toEqual(
      expect.arrayContaining(['tom.manager@example.org', 'placements@brightfutures.example', 'sam.social@example.org']),
    );
    expect(JSON.stringify(event)).not.toContain('Riley');
    expect(await h.bot.services.records.meetings.get(ref)).toMatchObject({
      invitation: { via: 'graph', state: 'sent', joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_1' },
    });
  });
});
