// Random and malicious input to every card verb and command: never a server error, never a change
// of state, always a clear message (property-based, with fast-check).
import fc from 'fast-check';
import { addDays, ukDate } from '../../src/domain/dates';
import { cardText, type TeamsUser } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';

const VERBS = ['move.form', 'move.submit', 'move.decide', 'move.answer', 'move.confirm', 'task.done', 'tasks.show', 'moves.show', 'guidance.entry', 'guidance.feedback', 'no.such.verb'];
const FIELDS = ['ref', 'outcome', 'comment', 'caseRef', 'urgency', 'proposedDate', 'reasonCode', 'rationale', 'answer', 'moveDate', 'placementType', 'taskId', 'entryId', 'question', 'helpful'];

const YEAR = ukDate(new Date()).slice(0, 4);

/** Values an attacker or a broken client might send: wrong types, operators, huge strings, prototypes. */
const hostileValue = fc.oneof(
  fc.string(),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({ $gt: '' }),
  fc.constant({ $ne: null }),
  fc.constant({ $where: 'sleep(1000)' }),
  fc.constant([`PM-${YEAR}-0001`]),
  fc.constant(`PM-${YEAR}-0001`),
  fc.constant(`PM-${YEAR}-0002`),
  fc.constant('CR-1003'),
  fc.constant('__proto__'),
  fc.constant({ __proto__: { admin: true } }),
  fc.constant('${form.caseRef}'),
  fc.constant('<script>alert(1)</script>'),
);
const hostileData = fc.dictionary(fc.constantFrom(...FIELDS, 'verb', 'constructor'), hostileValue, { maxKeys: 8 });

describe('hostile input over HTTP', () => {
  let h: Harness;
  let sam: TeamsUser;
  let pendingRef: string;

  beforeAll(async () => {
    h = await startHarness();
    sam = h.user(PEOPLE.sam);
    // Everyone who takes part has spoken once, so learning their Teams id is not a change below.
    for (const who of [PEOPLE.hana, PEOPLE.priya, PEOPLE.stranger]) await h.user(who).say('hi');
    // One real pending request (the year's first, for CR-1001) that hostile input must not change.
    const { body } = await sam.press('move.submit', {
      caseRef: 'CR-1001', urgency: 'planned', proposedDate: addDays(ukDate(new Date()), 14), reasonCode: 'CREQB', rationale: 'x'.repeat(30),
      virtualSchoolConsulted: 'yes', virtualSchoolAdvice: 'ok', educationDisrupted: 'no', childToldPlan: 'on Friday with carer', childToldAgreed: 'true', followsAllegation: 'no',
    });
    pendingRef = /PM-\d{4}-\d{4}/.exec(cardText(body.value))?.[0] ?? '';
  });
  afterAll(() => h.stop());

  async function stateSnapshot() {
    const r = h.bot.services.records;
    return JSON.stringify([
      await r.moveRequests.find({}, { sort: { _id: 1 } }),
      await r.tasks.count({}),
      await r.people.find({}, { sort: { _id: 1 } }),
      await r.guidanceFeedback.count({}),
    ]);
  }

  test('the setup request exists', () => {
    expect(pendingRef).toBe(`PM-${YEAR}-0001`);
  });

  test('card verbs with hostile data: always an answer card, never a 5xx, never a change', async () => {
    const before = await stateSnapshot();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...VERBS), hostileData, fc.constantFrom(PEOPLE.sam, PEOPLE.priya, PEOPLE.stranger), async (verb, data, who) => {
        const { status, body } = await h.user(who).press(verb, data as Record<string, unknown>);
        expect(status).toBe(200);
        expect(['application/vnd.microsoft.card.adaptive', 'application/vnd.microsoft.activity.message']).toContain(body.type);
        if (body.type === 'application/vnd.microsoft.card.adaptive') expect(cardText(body.value).length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
    // Sam, Priya and a stranger may not decide, and no hostile form is a valid request.
    expect(await stateSnapshot()).toBe(before);
  });

  test('chat messages with hostile text: an answer every time, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string({ minLength: 2000, maxLength: 50000 }), fc.constantFrom('{"$gt": ""}', 'approvals here North', 'digest now', 'request a move\u0000', '')), async (text) => {
        const replies = await sam.say(text);
        expect(replies.length).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
  });

  test('activities missing their conversation or sender are refused with 400, and change nothing', async () => {
    const before = await stateSnapshot();
    for (const broken of [{ type: 'message', text: 'hi' }, { type: 'message', text: 'hi', from: { id: 'x' }, serviceUrl: 'not a url' }, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'move.decide', data: {} } } }, {}, []]) {
      const { status } = await sam.post(broken);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    expect(await stateSnapshot()).toBe(before);
  });
});
