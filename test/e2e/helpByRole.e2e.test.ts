// Help and the greeting by role, over real HTTP into /api/messages: each person is offered the
// commands the permission table lets their role use (the chat command table, routes/chatCommands.ts).
import { cardActions, cardText, firstCard, type TeamsUser } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';

describe('help and the greeting by role, end to end', () => {
  let h: Harness;
  let sam: TeamsUser;
  let hana: TeamsUser;

  beforeAll(async () => {
    h = await startHarness();
    sam = h.user(PEOPLE.sam);
    hana = h.user(PEOPLE.hana);
  });
  afterAll(() => h.stop());

  const helpCardOf = async (user: TeamsUser) => {
    const [answer] = await user.say('help');
    return firstCard(answer.activity);
  };

  test('help from a social worker and from a Head of Service gives different lists', async () => {
    const samsCard = await helpCardOf(sam);
    const hanasCard = await helpCardOf(hana);
    const samSees = cardText(samsCard);
    const hanaSees = cardText(hanasCard);

    expect(samSees).toContain('Hello Sam');
    expect(samSees).toContain('request a move');
    expect(samSees).toContain('raise a concern');
    for (const managersOnly of ['cover', 'digest here', 'approvals here', 'The move tracker']) expect(samSees).not.toContain(managersOnly);
    expect([...cardActions(samsCard).keys()]).not.toContain('Move tracker');

    expect(hanaSees).toContain('Hello Hana');
    for (const command of ['cover', 'digest here', 'approvals here', 'The move tracker']) expect(hanaSees).toContain(command);
    expect(samSees).not.toEqual(hanaSees.replace('Hello Hana', 'Hello Sam'));

    // The button on Hana's own help card works for her.
    const { body } = await hana.pressButton('Move tracker');
    expect(cardText(body.value)).toContain('waiting for a decision');
  });

  test('the greeting when a person first opens the bot lists their role\u2019s commands', async () => {
    const tom = h.user(PEOPLE.tom);
    const conversationId = tom.conversationId;
    const { status } = await tom.post({
      type: 'conversationUpdate',
      id: 'greeting-1',
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      from: { id: PEOPLE.tom.id, name: PEOPLE.tom.name, aadObjectId: PEOPLE.tom.aadObjectId },
      recipient: { id: '28:bot-id', name: 'Placement Stability Bot' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
      channelData: { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' } },
      membersAdded: [{ id: '28:bot-id' }],
    });
    expect(status).toBe(200);
    const greeting = h.connector
      .sentTo(conversationId)
      .map((a) => firstCard(a.activity))
      .find(Boolean);
    const text = cardText(greeting);
    expect(text).toContain('Hello Tom');
    expect(text).toContain('I am the Placement Stability Bot');
    // A team manager: the tracker and the approvals channel, but not cover (a Head of Service's).
    expect(text).toContain('The move tracker');
    expect(text).toContain('approvals here');
    expect(text).not.toContain('Set who decides move requests');
  });
});
