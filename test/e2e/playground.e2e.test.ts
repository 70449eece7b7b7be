// End to end with a real Teams-like client: the Microsoft 365 Agents Playground (one per person,
// as `npm run playground` runs it) talking to the real bot over HTTP, driven through the
// Playground's own API. The bot sends through the Playground's connector, and what it sends is
// read back from the Playground's WebSocket, as the web page would see it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDays, ukDate } from '../../src/domain/dates';
import { loadConfig } from '../../src/config';
import { GuidanceIndex } from '../../src/guidance/search';
import { silentLogger } from '../../src/services/context';
import { importChildren } from '../../src/services/people';
import { importRoster } from '../../src/services/rosterImport';
import { startBot, type RunningBot } from '../../src/startBot';
import { CONFIG_FILE_NAME, PLAYGROUND_DIR, PLAYGROUND_PEOPLE, PLAYGROUND_TEAM, playgroundConfigYaml } from '../../scripts/playgroundSetup';
import { EXAMPLES } from '../support/botHarness';
import { cardActions, cardText } from '../support/fakeTeams';
import { cardOf, Playground, playgroundSkipReason, type PlaygroundMessage } from '../support/playground';
import { validMoveForm } from '../support/moveForm';

describe('the Playground configuration', () => {
  test('playground/.m365agentsplayground.yml is what scripts/playgroundSetup.ts generates (npm run playground -- --write-config)', () => {
    expect(readFileSync(path.join(PLAYGROUND_DIR, CONFIG_FILE_NAME), 'utf8')).toBe(playgroundConfigYaml('sam'));
  });

  test('its people are on the example roster, covering the roles the walkthrough needs', () => {
    const roster = new Map(
      readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(','))
        .map(([email, name, , roles]) => [email!, { name: name!, roles: roles!.split(';') }]),
    );
    for (const person of PLAYGROUND_PEOPLE) expect(roster.get(person.email)?.name).toBe(person.name);
    const roles = new Set(PLAYGROUND_PEOPLE.flatMap((p) => roster.get(p.email)!.roles));
    for (const role of ['social_worker', 'head_of_service', 'team_manager', 'fostering_manager', 'supervising_social_worker']) expect(roles).toContain(role);
    // The Playground refuses a configuration without exactly five users besides the signed-in one.
    expect(PLAYGROUND_PEOPLE).toHaveLength(6);
  });
});

const skipReason = playgroundSkipReason();
if (skipReason) console.warn(`Playground end-to-end tests SKIPPED: ${skipReason}`);
const describeWithPlayground = skipReason ? describe.skip : describe;
if (skipReason) test.skip(`Playground end-to-end tests (skipped: ${skipReason})`, () => undefined);

const CHANNEL = PLAYGROUND_TEAM.managersChannel.id;
const REF = /PM-\d{4}-\d{4}/;
// The Playground splits a message with text and a card into two: the text, then the card alone.
const textOf = (m: PlaygroundMessage) => m.text ?? cardText(cardOf(m));
const cardSaying = (conversationId: string, words: string) => (m: PlaygroundMessage) => m.conversationId === conversationId && cardText(cardOf(m)).includes(words);

describeWithPlayground('with the Microsoft 365 Agents Playground', () => {
  let bot: RunningBot;
  let dataDir: string;
  let sam: Playground;
  let hana: Playground;
  let tom: Playground;
  let playgrounds: Playground[] = [];
  // The bot's clock: the test moves it on to see a request nobody decides being escalated.
  let clockAheadMs = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'psb-playground-e2e-'));
    bot = await startBot(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      log: silentLogger,
      now: () => new Date(Date.now() + clockAheadMs),
      sender: { pollMs: 50, baseBackoffMs: 50, maxBackoffMs: 500 },
    });
    // Tom is also North's service manager here, so that he may cover for Hana (MOVE-1: cover goes to
    // a Head of Service or a service manager); the example roster has no service manager, and the
    // Playground has room for six people only.
    const roster = readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8').replace(
      'tom.manager@example.org,Tom Manager,,team_manager,North',
      'tom.manager@example.org,Tom Manager,,team_manager;service_manager,North',
    );
    expect(roster).toContain('team_manager;service_manager');
    await importRoster(bot.services, roster, 'test');
    await importChildren(bot.services, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
    const botEndpoint = `http://127.0.0.1:${bot.port}/api/messages`;
    const started = await Promise.allSettled(['sam', 'hana', 'tom'].map((person) => Playground.start({ person, botEndpoint })));
    playgrounds = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    [sam, hana, tom] = playgrounds as [Playground, Playground, Playground];
    // Hana and Tom have opened the bot before (so it can reach Hana in her own chat).
    await hana.say('help');
    await hana.waitFor((m) => m.conversationId === hana.personalChat && textOf(m).includes('Hello Hana'), 'help card');
    await tom.say('help');
    await tom.waitFor((m) => m.conversationId === tom.personalChat && textOf(m).includes('Hello Tom'), 'help card');
  }, 300_000);

  afterAll(async () => {
    await Promise.all(playgrounds.map((p) => p.stop()));
    await bot?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Sam asks for the form, fills it in for `caseRef` and presses "Send for approval" on the form he received. */
  async function requestMoveAsSam(caseRef: string, overrides: Record<string, string> = {}): Promise<string> {
    const before = sam.messages.length;
    await sam.say('request a move');
    const form = await sam.waitFor((m) => sam.messages.indexOf(m) >= before && cardActions(cardOf(m)).has('Send for approval'), 'move request form');
    const choices = cardOf(form)
      .body.find((e: any) => e.id === 'caseRef')
      .choices.map((c: any) => c.value);
    expect(choices).toEqual(['CR-1001', 'CR-1002', 'CR-1004']);
    const response = await sam.pressButton('Send for approval', validMoveForm({ caseRef, ...overrides }));
    // The Playground answers with the bot's invoke response body (its web page shows that card in place of the form).
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
    const status = cardText(response.value);
    expect(status).toContain('Sent for approval as PM-');
    return REF.exec(status)![0];
  }

  test('Sam requests a move; the approval card reaches Hana in her chat; she approves; Sam is told once and confirms the move from his own card', async () => {
    const ref = await requestMoveAsSam('CR-1001');

    const card = await hana.waitFor(cardSaying(hana.personalChat, `Placement move request ${ref}`), `approval card for ${ref}`);
    expect(textOf(card)).toContain('0 moves in the last 12 months. This move would make 1.');
    const decided = await hana.pressButton('Approve', { comment: '' }, { on: ref });
    expect(cardText(decided.value)).toContain('Approved by Hana Head');
    expect(cardActions(decided.value).has('Approve')).toBe(false);

    const approved = `${ref} for Jamie Example (CR-1001) approved by Hana Head`;
    await sam.waitFor((m) => m.conversationId === sam.personalChat && m.action === 'createMessage' && textOf(m).includes(approved), 'the approval notice');
    // One message, not a text bubble and a card.
    expect(sam.messages.filter((m) => m.action === 'createMessage' && (m.text ?? '').includes(ref))).toEqual([]);
    expect(sam.messages.filter((m) => m.action === 'createMessage' && cardText(cardOf(m)).includes(approved))).toHaveLength(1);

    const today = ukDate(new Date());
    const confirmed = await sam.pressButton('Confirm the move', { moveDate: today, placementType: 'U1' }, { on: approved });
    expect(cardText(confirmed.value)).toContain("The move is recorded in the child's history.");
    expect((await bot.services.records.moveRequests.get(ref))!.state).toBe('completed');
  });

  test('a social worker pressing Approve is refused, and the request stays pending', async () => {
    const ref = await requestMoveAsSam('CR-1002');
    const card = await hana.waitFor(cardSaying(hana.personalChat, `Placement move request ${ref}`), `approval card for ${ref}`);
    const approve = cardActions(cardOf(card)).get('Approve')!;
    // Sam has no card with that button; he sends its data from his own chat, as a forged card would.
    await expect(sam.pressButton('Approve', {}, { on: ref })).rejects.toThrow('Sam Social received no card with a "Approve" button');
    const lastOfSam = sam.messages[sam.messages.length - 1]!;
    const refused = await sam.press(lastOfSam.messageId, approve.verb, { ...approve.data, comment: '' });
    expect(cardText(refused.value)).toContain(
      `${ref}: Only a Head of Service of the child's team (or the person covering for them, or for an urgent request the out-of-hours approver, a Head of Service or service manager) who did not ask for the move may decide a move.`,
    );
    expect(cardActions(refused.value).has('Approve')).toBe(false);
    expect((await bot.services.records.moveRequests.get(ref))!.state).toBe('pending');
  });

  test('Sam raises a concern; Tom is told in his chat; Sam convenes the stability meeting from the alert', async () => {
    const before = sam.messages.length;
    await sam.say('raise a concern');
    const form = await sam.waitFor((m) => sam.messages.indexOf(m) >= before && cardOf(m)?.body?.some((e: any) => e.id === 'triggers'), 'fragility alert form');
    const raised = await sam.press(form.messageId, 'alert.submit', {
      caseRef: 'CR-1001',
      triggers: 'carer-struggling,fragile-relationship',
      description: 'The carer rang: the evenings have become very hard since the school exclusion.',
      immediateSafeguardingRisk: 'no',
      supportInPlace: 'Respite weekend and weekly SSW visits since last month.',
      noticedOn: '',
    });
    const alertRef = /FA-\d{4}-\d{4}/.exec(cardText(raised.value))![0];
    expect(cardText(raised.value)).toContain(`Raised as ${alertRef}`);
    await tom.waitFor(cardSaying(tom.personalChat, `Fragility alert ${alertRef}`), `alert card for ${alertRef}`);

    const convene = cardActions(raised.value).get('Convene meeting')!;
    // The alert card asks which meeting; a stability meeting for a wobbling foster placement.
    const proposal = await sam.press(form.messageId, convene.verb, { ...convene.data, type: 'stability' });
    const send = cardActions(proposal.value).get('Send the invitations')!;
    const convened = await sam.press(form.messageId, send.verb, {
      ...send.data,
      date: addDays(ukDate(new Date()), 3),
      time: '10:00',
      durationMinutes: '60',
      chair: 'fiona.foster@example.org',
      minuteTaker: 'ada.admin@example.org',
      childAttendance: 'whole',
    });
    expect(cardText(convened.value)).toMatch(/Convened as MT-\d{4}-\d{4}\. The invitations have been sent\./);
  });

  test('a guidance question typed in chat is answered with the steps and sources', async () => {
    const question = "the carer says she can't cope any more, what do I do?";
    const before = sam.messages.length;
    await sam.say(question);
    const answer = await sam.waitFor((m) => sam.messages.indexOf(m) >= before && cardActions(cardOf(m)).has('Helpful'), 'guidance answer');
    const entry = new GuidanceIndex().getEntry('carer-cant-cope')!;
    expect(textOf(answer)).toContain(entry.answer);
    for (const source of entry.sources) expect(textOf(answer)).toContain(source.title);
  });

  test('"digest here North" then "digest now" in the managers\' channel posts the digest there, case references only', async () => {
    const { config } = await tom.testConfig();
    expect(config.teams[0].channels.map((c: { name: string; id: string }) => `${c.name} ${c.id}`)).toContain(`Managers ${CHANNEL}`);
    await tom.say('digest here North', CHANNEL);
    await tom.waitFor((m) => m.conversationId.startsWith(CHANNEL) && textOf(m).includes('will get the placement stability digest for North'), 'digest subscription reply');
    await tom.say('digest now', CHANNEL);
    const digest = await tom.waitFor((m) => m.conversationId.startsWith(CHANNEL) && cardText(cardOf(m)).includes('Placement stability: North'), 'digest in the channel');
    const text = cardText(cardOf(digest));
    expect(text).toContain('Waiting for a decision');
    for (const name of ['Jamie Example', 'Riley Sample', 'Casey Demo']) expect(text).not.toContain(name);
  });

  test("Sam withdraws the request Hana has not decided, from his own card; Hana's card shows it withdrawn", async () => {
    const ref = (await bot.services.records.moveRequests.findOne({ caseRef: 'CR-1002', state: 'pending' }))!.ref;
    await sam.waitFor(cardSaying(sam.personalChat, `${ref} for Riley Sample (CR-1002) sent for approval`), 'the sent-for-approval notice');
    const withdrawn = await sam.pressButton('Withdraw', { reason: 'Riley is settling again after the support plan.' }, { on: `Placement move request ${ref}` });
    expect(cardText(withdrawn.value)).toContain('The request is withdrawn.');
    const updated = await hana.waitFor(
      (m) => m.action === 'updateMessage' && cardText(cardOf(m)).includes(`Withdrawn by Sam Social`) && cardText(cardOf(m)).includes(ref),
      'the withdrawn card',
    );
    expect(cardActions(cardOf(updated)).has('Approve')).toBe(false);
    expect((await bot.services.records.moveRequests.get(ref))!.state).toBe('withdrawn');
  });

  test('Hana sets cover in chat: Tom decides for North; the next request reaches Tom, saying whom he covers for, and he approves it', async () => {
    await hana.say('cover');
    await hana.waitFor(cardSaying(hana.personalChat, 'Cover for a Head of Service'), 'the cover form');
    const today = ukDate(new Date());
    const set = await hana.pressButton('Set cover', { team: 'North', cover: 'tom.manager@example.org', for: 'hana.head@example.org', from: today, to: addDays(today, 7) });
    expect(cardText(set.value)).toContain('Cover set: Tom Manager decides for North');

    const ref = await requestMoveAsSam('CR-1004');
    const card = await tom.waitFor(cardSaying(tom.personalChat, `Placement move request ${ref}`), `approval card for ${ref} (cover)`);
    expect(textOf(card)).toContain('Tom Manager is covering for Hana Head (North)');
    const decided = await tom.pressButton('Approve', {}, { on: ref });
    expect(cardText(decided.value)).toContain('Approved by Tom Manager');
    await sam.waitFor(cardSaying(sam.personalChat, `${ref} for Casey Demo (CR-1004) approved by Tom Manager`), 'the approval notice (cover)');
  });

  /** Sam asks for the concern form and presses "Raise the concern" on the form he received; the alert card comes back in its place. */
  async function raiseConcernAsSam(inputs: Record<string, string>): Promise<{ ref: string; card: any }> {
    const before = sam.messages.length;
    await sam.say('raise a concern');
    await sam.waitFor((m) => sam.messages.indexOf(m) >= before && cardActions(cardOf(m)).has('Raise the concern'), 'fragility alert form');
    const raised = await sam.pressButton('Raise the concern', { noticedOn: '', supportInPlace: '', ...inputs });
    expect(raised.type).toBe('application/vnd.microsoft.card.adaptive');
    const ref = /FA-\d{4}-\d{4}/.exec(cardText(raised.value))![0];
    expect(cardText(raised.value)).toContain(`Raised as ${ref}`);
    return { ref, card: raised.value };
  }

  test('Meetings that change: Sam convenes a stability meeting Tom chairs, reschedules it and then cancels it from his own card; Tom is told each time', async () => {
    // Riley's placement is with an independent fostering agency, so the team manager chairs (Meetings table, 003).
    const { ref: alertRef } = await raiseConcernAsSam({
      caseRef: 'CR-1002',
      triggers: 'fragile-relationship',
      description: 'Riley and the carer have argued every evening this week; the agency is worried.',
      immediateSafeguardingRisk: 'no',
    });
    const proposal = await sam.pressButton('Convene meeting', { type: 'stability' }, { on: alertRef });
    expect(cardActions(proposal.value).has('Send the invitations')).toBe(true);
    const date = addDays(ukDate(new Date()), 3);
    const childSaid = 'Riley said she wants to stay if the arguments stop.';
    const convened = await sam.pressButton('Send the invitations', {
      date,
      time: '10:00',
      durationMinutes: '60',
      chair: 'tom.manager@example.org',
      minuteTaker: 'ada.admin@example.org',
      childAttendance: 'whole',
      childSaid,
      advocateOffered: 'yes',
    });
    const ref = /Convened as (MT-\d{4}-\d{4})/.exec(cardText(convened.value))![1]!;
    const invitation = await tom.waitFor(cardSaying(tom.personalChat, `You are invited by Sam Social.`), `the invitation to ${ref}`);
    expect(textOf(invitation)).toContain(ref);
    // The chair reads the child's words in his own chat. As the team's manager he could move it too; Sam does.
    expect(textOf(invitation)).toContain(`The child said: ${childSaid}`);
    expect(cardActions(cardOf(invitation)).has('Reschedule')).toBe(true);

    const newDate = addDays(ukDate(new Date()), 4);
    const moved = await sam.pressButton('Reschedule', { newDate, newTime: '14:00', changeReason: 'The carer has a hospital appointment that morning.' }, { on: ref });
    expect(cardText(moved.value)).toContain(`Moved to ${newDate} at 14:00. Every invitee on Teams is told and the calendar file carries the change.`);
    await tom.waitFor(cardSaying(tom.personalChat, `Sam Social moved this meeting from`), `the rescheduled ${ref}`);
    expect((await bot.services.records.meetings.get(ref))!).toMatchObject({ date: newDate, time: '14:00', sequence: 1, state: 'scheduled' });

    const cancelled = await sam.pressButton('Cancel the meeting', { changeReason: 'Riley and the carer have settled; everyone agreed.' }, { on: ref });
    expect(cardText(cancelled.value)).toContain('Cancelled. Every invitee on Teams is told');
    expect(cardActions(cancelled.value).has('Reschedule')).toBe(false);
    await tom.waitFor(cardSaying(tom.personalChat, `Sam Social cancelled this meeting`), `the cancelled ${ref}`);
    expect((await bot.services.records.meetings.get(ref))!).toMatchObject({ state: 'cancelled', sequence: 2 });
    const actions = (await bot.services.records.audit.find({ subject: ref })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['meeting.convened', 'meeting.rescheduled', 'meeting.cancelled']));
  });

  test('an urgent allegation against the carer leads with the safeguarding procedures and the allegations process, for Sam and for Tom', async () => {
    const { ref, card } = await raiseConcernAsSam({
      caseRef: 'CR-1004',
      triggers: 'allegation-or-complaint',
      description: 'Casey told her teacher the carer slapped her this morning; there is a red mark.',
      immediateSafeguardingRisk: 'yes',
      childSaid: 'She said she is scared to go home tonight.',
      advocateOffered: 'yes',
    });
    const leads = (text: string) => {
      expect(text).toContain('Act on your safeguarding procedures now: an allegation against a carer goes to the council\u2019s allegations process');
      expect(text.indexOf('Act on your safeguarding procedures now')).toBeLessThan(text.indexOf('Suggested next steps') + 200);
      expect(text).not.toContain('Put added support in place first');
      expect(text).not.toContain('Hold a Placement Support Meeting');
      expect(text).toContain('the next placement must be able to keep the child for months');
    };
    leads(cardText(card));
    const tomCopy = await tom.waitFor(cardSaying(tom.personalChat, `Fragility alert ${ref}`), `Tom's copy of ${ref}`);
    expect(textOf(tomCopy)).toContain('URGENT: an immediate safeguarding risk');
    leads(textOf(tomCopy));
    expect((await bot.services.records.fragilityAlerts.get(ref))!).toMatchObject({ immediateSafeguardingRisk: true, triggers: ['allegation-or-complaint'] });
  });

  test('FRAG-7 from an alert: the answers call for the Commissioning Panel; Sam refers from his card and records the decision back', async () => {
    const { ref, card } = await raiseConcernAsSam({
      caseRef: 'CR-1001',
      triggers: 'needs-not-met',
      description: 'Jamie needs weekly therapy that only an external provider offers, at a cost.',
      immediateSafeguardingRisk: 'no',
      costedExternalServiceNeeded: 'yes',
      childNotAskedBecause: 'Jamie is away on a school trip until Friday.',
      advocateOffered: 'no',
    });
    expect(cardText(card)).toContain('The answers call for the Commissioning Panel');
    const referred = await sam.pressButton('Refer to the Commissioning Panel', {}, { on: ref });
    expect(cardText(referred.value)).toContain('Commissioning Panel: referred');
    expect(cardText(referred.value)).toContain('decision awaited');
    expect(await bot.services.records.tasks.get(`${ref}:panel:commissioning-panel`)).toMatchObject({ owner: 'sam.social@example.org', state: 'open', ruleIds: ['FRAG-7'] });

    const decided = await sam.pressButton(
      'Record the Commissioning Panel\u2019s decision',
      { 'outcome_commissioning-panel': 'not-agreed', 'decidedOn_commissioning-panel': ukDate(new Date()) },
      { on: ref },
    );
    expect(cardText(decided.value)).toMatch(/Commissioning Panel: referred .*not agreed on/i);
    expect(cardActions(decided.value).has('Record the Commissioning Panel\u2019s decision')).toBe(false);
    expect((await bot.services.records.fragilityAlerts.get(ref))!.panelReferrals).toEqual([
      expect.objectContaining({ panel: 'commissioning-panel', decision: expect.objectContaining({ outcome: 'not-agreed', decidedOn: ukDate(new Date()) }) }),
    ]);
    expect(await bot.services.records.tasks.get(`${ref}:panel:commissioning-panel`)).toMatchObject({ state: 'done', doneBy: 'sam.social@example.org' });
    const actions = (await bot.services.records.audit.find({ subject: ref })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['alert.raised', 'alert.panel.referred', 'alert.panel.decided']));
  });

  test('a request nobody decides: with the clock moved on, it is escalated to the approvals channel and Sam is told', async () => {
    await tom.say('approvals here North', CHANNEL);
    await tom.waitFor((m) => m.conversationId.startsWith(CHANNEL) && textOf(m).includes('will now receive approval cards for North'), 'approvals channel reply');
    const ref = await requestMoveAsSam('CR-1002', {
      urgency: 'urgent',
      safeguardingIssue: 'Allegation of harm by the carer, police informed.',
      alternativesConsidered: 'Kinship care with an aunt; emergency foster carer.',
    });
    await hana.waitFor(cardSaying(hana.personalChat, `Placement move request ${ref}`), `approval card for ${ref}`);
    clockAheadMs = 21 * 86_400_000; // three weeks on: well past 4 working hours, whatever the calendar
    await bot.scheduler.tick();
    const escalated = await tom.waitFor(
      (m) => m.conversationId.startsWith(CHANNEL) && cardText(cardOf(m)).includes(`Placement move request ${ref}`),
      'the escalated card in the channel',
    );
    expect(textOf(escalated)).not.toContain('Riley');
    await sam.waitFor(cardSaying(sam.personalChat, `${ref} for Riley Sample (CR-1002) has been escalated`), 'the escalation notice');
    // Tom may not decide (no cover for him now), so the card in the channel is for a Head of Service to press.
    expect(cardActions(cardOf(escalated)).has('Approve')).toBe(true);
  });
});
