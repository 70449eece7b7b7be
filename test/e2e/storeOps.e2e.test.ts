// Issue 12, store operations: a move submit and an approval, each one turn over real HTTP, make at
// most 8 store operations (counted as the bench counts them: every Collection call made while the
// adapter processes the activity; the outbox sender's passes are not the turn's). A submit makes one
// more since it claims the child's one open request first (services/claims.ts: two people
// submitting at once must not both make one), so 9.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asBackground, countingStore, countTurnsOf, storeOpCounts } from '../../bench/storeOps';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import { OutboxSender } from '../../src/teams/delivery';
import { TeamsBotAdapter } from '../../src/teams/authentication';
import { cardText } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { validMoveForm } from '../support/moveForm';

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const since = (before: Record<string, number>): Record<string, number> =>
  Object.fromEntries(
    Object.entries(storeOpCounts())
      .map(([k, v]) => [k, v - (before[k] ?? 0)] as const)
      .filter(([, v]) => v > 0),
  );

describe('store operations per turn', () => {
  let h: Harness;
  beforeAll(async () => {
    countTurnsOf(TeamsBotAdapter, 'runTurn');
    const drain = OutboxSender.prototype.drain;
    OutboxSender.prototype.drain = function (this: OutboxSender) {
      return asBackground(() => drain.call(this));
    };
    h = await startHarness({ store: async () => countingStore(await openEmbeddedStore(mkdtempSync(path.join(tmpdir(), 'psb-ops-')))) });
    // Both of North's Heads of Service have opened the bot (as in the bench). One who has not costs a
    // read a submit: "no chat" is not remembered, so that the next card reaches them once they open it.
    for (const p of [PEOPLE.hana, PEOPLE.harry, PEOPLE.sam, PEOPLE.pat]) await h.user(p).say('hi');
    // A first request, so that the roster's Heads of Service and placements team are known (as in any running bot).
    const first = /PM-\d{4}-\d{4}/.exec(cardText((await h.user(PEOPLE.sam).press('move.submit', validMoveForm())).body.value))![0];
    await h.user(PEOPLE.hana).press('move.decide', { ref: first, outcome: 'approved', comment: '' });
  });
  afterAll(() => h.stop());

  test("a move submit makes at most 9 store operations (8 and the claim of the child's open request), an approval at most 8", async () => {
    let before = storeOpCounts();
    const answer = await h.user(PEOPLE.sam).press('move.submit', validMoveForm({ caseRef: 'CR-1002' }));
    const submit = since(before);
    const ref = /Sent for approval as (PM-\d{4}-\d{4})/.exec(cardText(answer.body.value))![1];
    await h.connector.waitFor(() => h.connector.sentTo(h.user(PEOPLE.hana).conversationId).find((a) => JSON.stringify(a.activity).includes(ref)));

    before = storeOpCounts();
    const decided = await h.user(PEOPLE.hana).press('move.decide', { ref, outcome: 'approved', comment: '' });
    const approval = since(before);
    expect(cardText(decided.body.value)).toContain('Your decision is recorded');

    expect(total(submit)).toBeLessThanOrEqual(9);
    expect(total(approval)).toBeLessThanOrEqual(8);
    // What they are: the batches of the effects runner, one insertMany per collection.
    expect(submit).toMatchObject({ 'claims.insert': 1, 'audit.insertMany': 1, 'outbox.insertMany': 1 });
    expect(approval).toMatchObject({ 'audit.insertMany': 1, 'tasks.insertMany': 1, 'outbox.insertMany': 1 });
  });
});
