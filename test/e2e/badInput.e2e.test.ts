// Random and malicious input to every card verb and command: never a server error, never a change
// of state, always a clear message (property-based, with fast-check). The presses here are forged
// on purpose (verbs and data no card offered): that is the hostile input under test. Flows a person
// can walk press only buttons from cards they received (test/support/receivedCards.ts).
import fc from 'fast-check';
import { ukDate } from '../../src/domain/dates';
import { cardText, type TeamsUser } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { postRaw } from '../security/support';

/** A raw POST's status and body text. */
async function rawPost(url: string, body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { status, text } = await postRaw(url, body, headers);
  return { status, body: text };
}
import { validMoveForm } from '../support/fixtures';

const VERBS = [
  'move.form',
  'move.submit',
  'move.decide',
  'move.answer',
  'move.confirm',
  'task.done',
  'tasks.show',
  'moves.show',
  'guidance.entry',
  'guidance.feedback',
  'no.such.verb',
];
const FIELDS = [
  'ref',
  'outcome',
  'comment',
  'caseRef',
  'urgency',
  'proposedDate',
  'reasonCode',
  'rationale',
  'answer',
  'moveDate',
  'placementType',
  'taskId',
  'entryId',
  'question',
  'helpful',
];

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
    const { body } = await sam.press('move.submit', validMoveForm({ caseRef: 'CR-1001' }));
    pendingRef = /PM-\d{4}-\d{4}/.exec(cardText(body.value))?.[0] ?? '';
  });
  afterAll(() => h.stop());

  async function stateSnapshot() {
    const r = h.bot.services.records;
    return JSON.stringify([
      await r.moveRequests.find({}, { sort: { _id: 1 } }),
      await r.tasks.count({}),
      await r.people.find({}, { sort: { _id: 1 } }),
      // feedback is not here: a random dictionary is now and then a valid feedback press
      // ({ helpful: true, question: "x" }), which anyone on the roster may give; what a bad
      // feedback payload does is checked in test/services/guidance.test.ts
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
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.string({ minLength: 2000, maxLength: 50000 }), fc.constantFrom('{"$gt": ""}', 'approvals here North', 'digest now', 'request a move\u0000', '')),
        async (text) => {
          const replies = await sam.say(text);
          expect(replies.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('activities missing their conversation or sender are refused with 400, and change nothing', async () => {
    const before = await stateSnapshot();
    for (const broken of [
      { type: 'message', text: 'hi' },
      { type: 'message', text: 'hi', from: { id: 'x' }, serviceUrl: 'not a url' },
      { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'move.decide', data: {} } } },
      {},
      [],
    ]) {
      const { status } = await sam.post(broken);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    expect(await stateSnapshot()).toBe(before);
  });
});

// The limits in front of every turn (see test/security/), under random input: how deep an activity
// may nest, what each field's type must be, and what a body may be and how it may be encoded.
describe('hostile activities and bodies over HTTP: the limits before a turn', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const base = () => ({
    type: 'message',
    channelId: 'msteams',
    serviceUrl: h.connector.url,
    from: { id: '29:someone', aadObjectId: '00000000-0000-0000-0000-00000000c001' },
    recipient: { id: '28:bot-id' },
    conversation: { id: 'a:personal-c001', conversationType: 'personal' },
    text: 'hi',
  });
  const post = (body: unknown) => rawPost(`${h.url}/api/messages`, JSON.stringify(body), { 'content-type': 'application/json' });

  /** `levels` containers (arrays or objects) one inside the other. */
  const nestedValue = (levels: number, arrays: boolean): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < levels; i++) value = arrays ? [value] : { k: value };
    return value;
  };

  test('an activity nested more than 16 containers deep anywhere gets 400; within that, never a 5xx', async () => {
    // Where the nesting goes, and how many containers sit above it (the activity itself counts as one).
    const places: Array<[string, (inner: unknown) => object, number]> = [
      ['value', (inner) => ({ value: inner }), 1],
      ['an unknown field', (inner) => ({ extra: inner }), 1],
      ['from', (inner) => ({ from: { ...base().from, x: inner } }), 2],
      ['conversation', (inner) => ({ conversation: { ...base().conversation, x: inner } }), 2],
      ['channelData', (inner) => ({ channelData: { x: inner } }), 2],
      ['entities', (inner) => ({ entities: [{ type: 'x', x: inner }] }), 3],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...places), fc.integer({ min: 0, max: 40 }), fc.boolean(), async ([, place, above], levels, arrays) => {
        const { status, body } = await post({ ...base(), ...place(nestedValue(levels, arrays)) });
        expect(status).toBeLessThan(500);
        if (above + levels > 16) {
          expect(status).toBe(400);
          expect(JSON.parse(body).error).toContain('nested deeper than 16');
        } else {
          expect(status).toBe(200);
        }
      }),
      { numRuns: 80 },
    );
  });

  test('a field of the wrong type gets 400, never a turn', async () => {
    const notAString = fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
    const notAList = fc.oneof(fc.integer(), fc.boolean(), fc.string(), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
    const notAnObject = fc.oneof(fc.integer(), fc.boolean(), fc.string(), fc.array(fc.integer(), { maxLength: 3 }));
    const fields: Array<[string, fc.Arbitrary<unknown>, (v: unknown) => object]> = [
      ['text', notAString, (v) => ({ text: v })],
      ['type', notAString, (v) => ({ type: v })],
      ['locale', notAString, (v) => ({ locale: v })],
      ['replyToId', notAString, (v) => ({ replyToId: v })],
      ['from.name', notAString, (v) => ({ from: { ...base().from, name: v } })],
      ['from.aadObjectId', notAString, (v) => ({ from: { ...base().from, aadObjectId: v } })],
      ['conversation.id', notAString, (v) => ({ conversation: { ...base().conversation, id: v } })],
      ['conversation.tenantId', notAString, (v) => ({ conversation: { ...base().conversation, tenantId: v } })],
      ['entities', notAList, (v) => ({ entities: v })],
      ['attachments', notAList, (v) => ({ attachments: v })],
      ['channelData', notAnObject, (v) => ({ channelData: v })],
      ['from', notAnObject, (v) => ({ from: v })],
    ];
    const sent = h.connector.activities.length;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields).chain(([name, wrong, place]) => wrong.map((v) => [name, place(v)] as const)),
        async ([name, overrides]) => {
          const { status } = await post({ ...base(), ...overrides });
          expect([name, status]).toEqual([name, 400]);
        },
      ),
      { numRuns: 120 },
    );
    expect(h.connector.activities.length).toBe(sent);
  });

  test('any body, content type and encoding: JSON only (415 otherwise), bad encodings 4xx, never a 5xx, and the bot still answers', async () => {
    const types = fc.oneof(
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        'application/jsonp',
        '',
      ),
      fc.stringMatching(/^[a-z]{1,10}\/[a-z+.-]{1,15}$/),
    );
    const encodings = fc.constantFrom(undefined, 'identity', 'gzip', 'deflate', 'br', 'x-gzip', 'gzip, gzip', 'compress');
    await fc.assert(
      fc.asyncProperty(types, encodings, fc.uint8Array({ maxLength: 3000 }), async (type, encoding, bytes) => {
        const headers: Record<string, string> = { ...(type && { 'content-type': type }), ...(encoding && { 'content-encoding': encoding }) };
        const { status } = await rawPost(`${h.url}/api/messages`, Buffer.from(bytes), headers);
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        if (!/^application\/json(;\s*charset=utf-8)?$/.test(type)) expect(status).toBe(415);
      }),
      { numRuns: 150 },
    );
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});
