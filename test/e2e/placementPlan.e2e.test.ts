// The placement plan end to end over HTTP (PLAN-1, PLAN-3, PLAN-4): a confirmed move gives the social
// worker the plan task; he opens its checklist from his task list, records the introductions and the
// information given (one not possible, with the reason), and marks the plan agreed. Every press is
// of a button on a card he received in this test.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addDays, formatDate, ukDate } from '../../src/domain/dates';
import { importChildren } from '../../src/services/people';
import { EXAMPLES, PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { cardActions, cardText, firstCard, type TeamsUser } from '../support/fakeTeams';
import { validMoveForm } from '../support/moveForm';

describe('the placement plan, over HTTP', () => {
  let h: Harness;
  let sam: TeamsUser;
  let hana: TeamsUser;

  beforeEach(async () => {
    h = await startHarness();
    sam = h.user(PEOPLE.sam);
    hana = h.user(PEOPLE.hana);
    await hana.say('hi');
  });
  afterEach(async () => {
    await h.stop();
  });

  test('PLAN-1, PLAN-3, PLAN-4: confirm a move -> the plan task -> its checklist recorded -> the plan marked agreed', async () => {
    await sam.say('request a move');
    const sent = await sam.pressButton('Send for approval', validMoveForm());
    const ref = /PM-\d{4}-\d{4}/.exec(cardText(sent.body.value))![0];
    await h.connector.waitFor(() => hana.receivedCards().find((c) => cardText(c.card).includes(ref) && cardActions(c.card).has('Approve')));
    await hana.pressButton('Approve', {}, { on: ref });
    await h.connector.waitFor(() => sam.receivedCards().find((c) => cardText(c.card).includes(ref) && cardActions(c.card).has('Confirm the move')));
    const today = ukDate(new Date());
    const confirmed = await sam.pressButton('Confirm the move', { moveDate: today, placementType: 'U4' }, { on: ref });
    expect(cardText(confirmed.body.value)).toContain('Finalise the placement plan');

    // The plan task is on Sam's list (reached from the move's card), due by the start (a planned move), with its checklist.
    const tasks = (await sam.pressButton('My tasks', {}, { on: ref })).body.value;
    expect(cardText(tasks)).toContain('Finalise the placement plan');
    const checklistButton = [...cardActions(tasks).keys()].find((title) => title.startsWith('Placement checklist'));
    expect(checklistButton).toBe('Placement checklist (0 of 11 recorded)');
    const opened = await sam.pressButton(checklistButton!);
    const checklist = opened.body.value;
    expect(checklist.version).toBe('1.5');
    expect(cardText(checklist)).toContain('Placement checklist for CR-1001 (Jamie Example)');
    expect(cardText(checklist)).toContain("The carers' child-friendly profile shared with the child");
    expect(cardText(checklist)).toContain('Why the child came into care');

    // "Not possible" without a reason: a clear message, nothing saved.
    const refused = await sam.pressButton('Save the checklist', { state_overnight: 'not-possible', reason_overnight: '' });
    expect(cardText(refused.body.value)).toContain('Overnight stays before the move: say why it was not possible');
    expect((await h.bot.services.records.tasks.get(`${ref}:placement-plan`))!.checklist).toBeUndefined();

    const saved = await sam.pressButton('Save the checklist', {
      state_visits: 'done',
      'state_carer-profile': 'done',
      'state_child-views': 'done',
      state_overnight: 'not-possible',
      reason_overnight: 'The move was brought forward; there was no time for an overnight stay.',
      state_contact: 'done',
      state_money: 'done',
    });
    const savedText = cardText(saved.body.value);
    expect(savedText).toContain('The checklist is saved.');
    expect(savedText).toContain('5 done, 1 not possible, 5 still to do (of 11).');
    expect(savedText).toContain('Not possible: The move was brought forward');

    const done = await sam.pressButton('The plan is agreed: mark it done');
    expect(cardText(done.body.value)).toContain('Marked done: Finalise the placement plan');
    const child = await h.bot.services.records.children.get('CR-1001');
    expect(child!.placementPlan).toMatchObject({ taskId: `${ref}:placement-plan`, agreedOn: today, revisions: 0, lastTaskId: `${ref}:placement-plan` });
    const audit = await h.bot.services.records.audit.find({ subject: 'CR-1001' });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['plan.checklist-recorded', 'plan.agreed']));
  });

  test("PLAN-2: the next review date set in chat by the social worker; refused to another team's social worker; a bad date changes nothing", async () => {
    const review = addDays(ukDate(new Date()), 90);
    const [set] = await sam.say(`review CR-1001 ${review.split('-').reverse().join('/')}`);
    expect(set.activity.text).toBe(
      `The next looked-after review for CR-1001 is ${formatDate(review)}. On ${formatDate(addDays(review, -15))} the social worker will be asked to revise the placement plan by ${formatDate(addDays(review, -1))}, and the IRO to check it.`,
    );
    const [bad] = await sam.say('review CR-1001 2020-01-01');
    expect(bad.activity.text).toBe('Nothing changed. The review date is in the past: give the next review.');
    const [refused] = await h.user(PEOPLE.priya).say(`review CR-1001 ${addDays(review, 3)}`);
    expect(cardText(firstCard(refused.activity))).toContain("Only the child's social worker, or a team manager of the child's team may set the next review date.");
    expect((await h.bot.services.records.children.get('CR-1001'))!.nextReviewDate).toBe(review);
  });

  test('PLAN-3, PLAN-4 in a group chat: the checklist shows states and counts only, and is not recorded there', async () => {
    // A new placement in the children import two days ago gives Sam its plan task (PLAN-1).
    const start = addDays(ukDate(new Date()), -2);
    const csv = readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8').replace('2026-08-20', start); // CR-1004's placement start
    await importChildren(h.bot.services, csv, 'test');
    const taskId = `CR-1004:placement-plan:${start}`;
    expect(await h.bot.services.records.tasks.get(taskId)).toMatchObject({ owner: 'sam.social@example.org', dueDate: addDays(start, 5) });

    await sam.say('my tasks');
    await sam.pressButton('Placement checklist (0 of 11 recorded)', {}, { on: 'CR-1004' });
    await sam.pressButton('Save the checklist', { state_visits: 'not-possible', reason_visits: 'Emergency placement late at night, no introductions.' });

    const group = sam.in({ id: `19:${randomUUID()}@thread.v2`, type: 'groupChat' });
    await group.say('my tasks');
    const shown = (await group.pressButton('Placement checklist (1 of 11 recorded)', {}, { on: 'CR-1004' })).body.value;
    const text = cardText(shown);
    expect(text).toContain('0 done, 1 not possible, 10 still to do (of 11).');
    expect(text).not.toContain('Emergency placement late at night');
    expect(text).not.toContain('Casey');
    expect(cardActions(shown).has('Save the checklist')).toBe(false);
    // A forged press from the group chat records nothing, and is answered to the presser alone.
    const forged = await group.press('plan.checklist.save', { taskId, state_visits: 'done' });
    expect(forged.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(forged.body.value).toContain('Record the checklist in your own chat with the bot');
    expect((await h.bot.services.records.tasks.get(taskId))!.checklist).toMatchObject({ visits: { state: 'not-possible' } });
  });

  test("a refused press in a shared conversation leaves the shared card: the checklist's out-of-date answer does not replace Sam's task list in a group chat with the presser's tasks", async () => {
    const start = addDays(ukDate(new Date()), -2);
    const csv = readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8').replace('2026-08-20', start); // CR-1004's placement start
    await importChildren(h.bot.services, csv, 'test');
    await sam.say('hi'); // his own chat with the bot, where he is told
    const group = sam.in({ id: `19:${randomUUID()}@thread.v2`, type: 'groupChat' });
    const list = (await group.say('my tasks')).find((a) => [...cardActions(firstCard(a.activity)).values()].some((b) => b.verb === 'plan.checklist'))!;
    const button = [...cardActions(firstCard(list.activity)).values()].find((a) => a.verb === 'plan.checklist')!;
    expect(button).toBeDefined();
    // The button's data damaged (an old or altered card): the task list stays for everyone there.
    const answer = (await group.press(button.verb, { ...button.data, taskId: 42 }, list.activityId)).body;
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toMatch(/^Not found: That button is out of date/);
    const told = await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find((a) => cardText(firstCard(a.activity)).includes('That button is out of date')));
    expect(cardText(firstCard(told.activity))).toContain('the card there is unchanged');
    // In Sam's own chat the same press still answers with his tasks.
    expect(cardText((await sam.press(button.verb, { ...button.data, taskId: 42 })).body.value)).toContain('here are your tasks now');
  });
});
