// A message for someone who has never opened a chat with the bot cannot be sent in Teams. It is
// held, the sender of the alert is told to reach them another way, and it is delivered (once, as
// its subject is then) when they first open the bot.
import { cardText, firstCard, type Member, type SentActivity } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';

const steve: Member = { id: '29:steve', name: 'Steve Supervising', aadObjectId: '00000000-0000-0000-0000-00000000a011', email: 'steve.ssw@example.org' };

const alertForm = {
  caseRef: 'CR-1001',
  triggers: 'carer-struggling',
  description: 'The carer rang: the evenings have become very hard since the school exclusion.',
  immediateSafeguardingRisk: 'no',
  supportInPlace: 'Respite weekend and weekly SSW visits since last month.',
  noticedOn: '',
};

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

describe('messages held for someone who has not opened the bot', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await h.user(PEOPLE.sam).say('hi');
    await h.user(PEOPLE.tom).say('hi');
  });
  afterEach(async () => {
    await h.stop();
  });

  test('an alert for the supervising social worker is held, and delivered once when he first opens the bot', async () => {
    const raised = (await h.user(PEOPLE.sam).press('alert.submit', alertForm)).body.value;
    const text = cardText(raised);
    const ref = /FA-\d{4}-\d{4}/.exec(text)![0];
    expect(text).toContain('Told in Teams: Tom Manager.');
    expect(text).toContain('Steve Supervising (steve.ssw@example.org): not reachable in Teams yet, tell them directly (they will get it when they first open the bot).');

    const outbox = h.bot.services.records.outbox;
    const key = `${ref}:alert:steve.ssw@example.org`;
    await h.connector.waitFor(() => h.connector.sentTo(h.user(PEOPLE.tom).conversationId).find((a: SentActivity) => cardText(firstCard(a.activity)).includes(ref)));
    expect(await eventually(async () => (await outbox.get(key))?.state === 'held')).toBe(true);
    expect(await outbox.get(key)).toMatchObject({ attempts: 0, lastError: 'steve.ssw@example.org has no chat with the bot yet' });

    const steveInTeams = h.user(steve);
    await steveInTeams.say('hi');
    const delivered = await h.connector.waitFor(() =>
      h.connector.sentTo(steveInTeams.conversationId).find((a: SentActivity) => cardText(firstCard(a.activity)).includes(`Fragility alert ${ref}`)),
    );
    expect(delivered).toBeDefined();
    expect(await eventually(async () => (await outbox.get(key))?.state === 'sent')).toBe(true);
    expect(await outbox.get(key)).toMatchObject({ attempts: 1, lastError: null });

    // Saying something else later does not send it again.
    await steveInTeams.say('hi');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      h.connector.sentTo(steveInTeams.conversationId).filter((a: SentActivity) => a.activity.attachments && cardText(firstCard(a.activity)).includes(`Fragility alert ${ref}`)),
    ).toHaveLength(1);
  });
});
