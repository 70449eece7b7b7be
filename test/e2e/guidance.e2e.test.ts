// Guidance answers in chat, end to end: real HTTP into /api/messages with Teams-shaped activities,
// the real bot and embedded store, and the fake Teams connector receiving the answer cards.
import { randomUUID } from 'node:crypto';
import { GuidanceIndex } from '../../src/guidance/search';
import { cardActions, cardText, firstCard, type TeamsUser } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';

const pack = new GuidanceIndex();

describe('guidance answers in chat, over HTTP', () => {
  let h: Harness;
  let sam: TeamsUser;

  beforeEach(async () => {
    h = await startHarness();
    sam = h.user(PEOPLE.sam);
  });
  afterEach(async () => {
    await h.stop();
  });

  async function ask(question: string) {
    const sent = await sam.say(question);
    expect(sent).toHaveLength(1);
    return firstCard(sent[0]!.activity);
  }

  test('a free-text question gets the answer card: answer, steps in order, sources, related topics, feedback', async () => {
    const card = await ask("the carer says she can't cope any more, what do I do?");
    const entry = pack.getEntry('carer-cant-cope')!;
    const text = cardText(card);
    expect(card.version).toBe('1.5');
    expect(text).toContain(entry.answer);
    expect(text).toContain(`1.\n${entry.steps[0]!.who}\n${entry.steps[0]!.what}`);
    for (const s of entry.sources) expect(text).toContain(`${s.title}, ${s.section}`);
    const actions = cardActions(card);
    expect(actions.get('Helpful')).toEqual({
      verb: 'guidance.feedback',
      data: { entryId: 'carer-cant-cope', question: "the carer says she can't cope any more, what do I do?", helpful: true },
    });
    const related = pack.getEntry(entry.related[0]!)!;
    expect(actions.get(related.title)).toEqual({ verb: 'guidance.entry', data: { entryId: related.id } });
  });

  test('a question the guidance does not cover is answered plainly, with no invented answer', async () => {
    const card = await ask('how do I claim mileage for a placement visit?');
    const text = cardText(card);
    expect(text).toContain('The guidance does not cover this question.');
    expect(text).not.toContain('What to do, in order');
    expect([...cardActions(card).values()].filter((a) => a.verb === 'guidance.entry').length).toBeGreaterThan(0);
  });

  test('commands still win over questions', async () => {
    const card = await ask('my tasks');
    expect(cardText(card)).toContain('Your open tasks');
  });

  test('a related-topic button shows that topic', async () => {
    const { status, body } = await sam.press('guidance.entry', { entryId: 'disruption-meeting-chair' });
    expect(status).toBe(200);
    const entry = pack.getEntry('disruption-meeting-chair')!;
    expect(cardText(body.value)).toContain(entry.title);
    expect(cardText(body.value)).toContain(entry.answer);
    const gone = await sam.press('guidance.entry', { entryId: { $gt: '' } });
    expect(cardText(gone.body.value)).toContain('Topic not found');
  });

  test('Helpful / Not helpful is stored with the question, and the card says thank you without the buttons', async () => {
    await sam.say('hi');
    const { status, body } = await sam.press('guidance.feedback', { entryId: 'move-approval', question: 'who signs off a move?', helpful: false, comment: 'Mention HARP' });
    expect(status).toBe(200);
    const text = cardText(body.value);
    expect(text).toContain('Thank you');
    expect(text).toContain(pack.getEntry('move-approval')!.answer);
    expect([...cardActions(body.value).values()].some((a) => a.verb === 'guidance.feedback')).toBe(false);
    const stored = await h.bot.services.records.guidanceFeedback.find({});
    expect(stored).toEqual([
      expect.objectContaining({ personId: PEOPLE.sam.email, question: 'who signs off a move?', entryId: 'move-approval', helpful: false, comment: 'Mention HARP' }),
    ]);

    const refused = await sam.press('guidance.feedback', { entryId: 'move-approval', question: { $gt: '' }, helpful: true });
    expect(cardText(refused.body.value)).toContain('Feedback not recorded');
    expect(await h.bot.services.records.guidanceFeedback.count({})).toBe(1);
  });

  test('in a channel the bot answers when @mentioned', async () => {
    await sam.say('hi'); // known to the roster by now
    const channelId = '19:placements@thread.tacv2';
    const conversationId = `${channelId};messageid=${Date.now()}`;
    const { status } = await sam.post({
      type: 'message',
      id: `act-${randomUUID()}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      from: { id: PEOPLE.sam.id, name: PEOPLE.sam.name, aadObjectId: PEOPLE.sam.aadObjectId },
      recipient: { id: '28:bot-id', name: 'Placement Stability Bot' },
      conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
      channelData: { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' }, channel: { id: channelId }, team: { id: '19:team@thread.tacv2' } },
      text: '<at>Placement Stability Bot</at> who chairs a disruption meeting?',
      entities: [{ type: 'mention', text: '<at>Placement Stability Bot</at>', mentioned: { id: '28:bot-id', name: 'Placement Stability Bot' } }],
      locale: 'en-GB',
    });
    expect(status).toBeLessThan(300);
    const sent = h.connector.sentTo(conversationId);
    expect(sent).toHaveLength(1);
    expect(cardText(firstCard(sent[0]!.activity))).toContain(pack.getEntry('disruption-meeting-chair')!.answer);
  });
});
