// A message for someone who has never opened a chat with the bot cannot be sent in Teams. It is
// held, the sender of the alert is told to reach them another way, and it is delivered (once, as
// its subject is then) when they first open the bot.
import { addDays, ukDate } from '../../src/domain/dates';
import { cardActions, cardText, firstCard, type Member, type SentActivity } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { validStabilityConveneForm } from '../support/fixtures';

const steve: Member = { id: '29:steve', name: 'Steve Supervising', aadObjectId: '00000000-0000-0000-0000-00000000a011', email: 'steve.ssw@example.org' };
const fiona: Member = { id: '29:fiona', name: 'Fiona Foster', aadObjectId: '00000000-0000-0000-0000-00000000a012', email: 'fiona.foster@example.org' };

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

  test('Meeting invitations: one for someone who has not opened the bot is held, the organiser is told at once how many were reached and who was not, and it is delivered when he first opens the bot', async () => {
    const fionaInTeams = h.user(fiona);
    await fionaInTeams.say('hi');
    const sam = h.user(PEOPLE.sam);
    // Convened through the buttons Sam receives: the proposal's "Send the invitations".
    const proposal = (await sam.press('meeting.propose', { type: 'stability', caseRef: 'CR-1001' })).body.value;
    const send = cardActions(proposal).get('Send the invitations')!;
    const convened = (await sam.press(send.verb, { ...validStabilityConveneForm({ date: addDays(ukDate(new Date()), 3), chair: 'fiona.foster@example.org' }), ...send.data })).body
      .value;
    const text = cardText(convened);
    const ref = /MT-\d{4}-\d{4}/.exec(text)![0];
    // Fiona has a chat with the bot; Steve, Val and Ada have not, and the carer is not on the roster.
    expect(text).toContain('Invitations were sent in Teams to 1 person, each with a calendar file to add.');
    expect(text).toContain('Steve Supervising, Supervising social worker: steve.ssw@example.org (has not opened the bot yet: gets the invitation when they do)');
    expect(text).toContain('Alex Carer, Foster carer(s): alex.carer@example.org');
    expect(text).not.toContain('Fiona Foster, Fostering manager: fiona.foster@example.org');
    await h.connector.waitFor(() =>
      h.connector.sentTo(fionaInTeams.conversationId).find((a: SentActivity) => cardText(firstCard(a.activity)).includes(`Placement Stability Meeting ${ref}`)),
    );

    const outbox = h.bot.services.records.outbox;
    const key = `${ref}:invitation:steve.ssw@example.org`;
    expect(await eventually(async () => (await outbox.get(key))?.state === 'held')).toBe(true);

    const steveInTeams = h.user(steve);
    await steveInTeams.say('hi');
    const invitation = await h.connector.waitFor(() =>
      h.connector.sentTo(steveInTeams.conversationId).find((a: SentActivity) => cardText(firstCard(a.activity)).includes(`Placement Stability Meeting ${ref}`)),
    );
    expect(cardText(firstCard(invitation.activity))).toContain('You are invited by Sam Social.');
    expect(await eventually(async () => (await outbox.get(key))?.state === 'sent')).toBe(true);
  });
});
