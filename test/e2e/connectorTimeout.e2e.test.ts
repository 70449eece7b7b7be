// Faults: the Teams connector taking a call and never answering. The sender aborts the call after
// its send timeout and tries again with backoff; what it does next depends on what the connector
// had done with the message, which the sender cannot see.
import { addDays, ukDate } from '../../src/domain/dates';
import { cardText, firstCard } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { validMoveForm } from '../support/fixtures';

const SEND_TIMEOUT_MS = 300;

const form = () => validMoveForm({ caseRef: 'CR-1001', proposedDate: addDays(ukDate(new Date()), 10) });

const settle = () => new Promise((r) => setTimeout(r, 500));

describe('the connector not answering', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ sender: { sendTimeoutMs: SEND_TIMEOUT_MS } });
    await h.user(PEOPLE.hana).say('hi');
    await h.user(PEOPLE.sam).say('hi');
  });
  afterEach(() => h.stop());

  /** Submits a move request; the approval card goes to Hana, a notice to Sam. */
  async function submitMove(): Promise<string> {
    await h.user(PEOPLE.sam).say('request a move');
    const answer = await h.user(PEOPLE.sam).pressButton('Send for approval', form());
    return /PM-\d{4}-\d{4}/.exec(cardText(answer.body.value))![0];
  }
  const approvalCards = (ref: string) =>
    h.connector.sentTo(h.user(PEOPLE.hana).conversationId).filter((a) => cardText(firstCard(a.activity)).includes(`Placement move request ${ref}`));
  const approvalEntry = (ref: string) => h.bot.services.records.outbox.findOne({ subjectRef: ref, conversationId: h.user(PEOPLE.hana).conversationId });

  test('twice without posting the message (a proxy whose upstream timed out): each call is aborted, and the card is delivered once after it recovers', async () => {
    h.connector.holdNext(2, h.user(PEOPLE.hana).conversationId);
    const ref = await submitMove();

    await h.connector.waitFor(() => approvalCards(ref).length > 0);
    await settle();

    const [card] = approvalCards(ref);
    expect(approvalCards(ref)).toHaveLength(1);
    // The bot closed both held calls itself instead of leaving them waiting.
    expect(h.connector.abandonedCalls).toBe(2);
    expect(await approvalEntry(ref)).toMatchObject({ state: 'sent', attempts: 3, activityId: card.activityId, lastError: null, leaseUntil: null });
    // Sam's notice went out once, on its first try.
    const notices = h.connector
      .sentTo(h.user(PEOPLE.sam).conversationId)
      .filter((a) => cardText(firstCard(a.activity)).includes(`${ref} for Jamie Example (CR-1001) sent for approval`));
    expect(notices).toHaveLength(1);
  });

  test('after posting the message (only its answer is late): it is posted again, because delivery is at least once', async () => {
    h.connector.holdNext(1, h.user(PEOPLE.hana).conversationId, { recorded: true });
    const ref = await submitMove();

    await h.connector.waitFor(() => approvalCards(ref).length >= 2);
    await settle();

    // The known limit: the connector has no idempotency key, so a message whose answer never came
    // is sent again. The outbox entry is still marked once, with the id of the answered copy.
    const [, answered] = approvalCards(ref);
    expect(approvalCards(ref)).toHaveLength(2);
    expect(h.connector.abandonedCalls).toBe(1);
    expect(await approvalEntry(ref)).toMatchObject({ state: 'sent', attempts: 2, activityId: answered.activityId, lastError: null });
  });
});
