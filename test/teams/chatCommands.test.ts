// The chat command table: help and the greeting by role, the catch-all last, and the Teams app
// manifest's command menus generated from the table (npm run docs:manifest).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { ROLES, type Person, type Role } from '../../src/domain/people';
import { silentLogger } from '../../src/services/context';
import { commandsFor, manifestCommandLists, type CatchAllCommand, type ChatCommand, type ChatCommandTable } from '../../src/teams/chatCommand';
import { CHAT_COMMANDS, helpFor, registerChatCommands } from '../../src/teams/routes/chatCommands';
import { createTurns } from '../../src/teams/turns';
import type { ServiceContext } from '../../src/services/context';
import { buildAppPackage } from '../../scripts/packageApp';

const person = (role: Role, teams = ['North']): Person => ({
  id: `${role}@example.org`,
  email: `${role}@example.org`,
  name: `Alex ${role}`,
  aadObjectId: null,
  roles: [role],
  teams,
});

/** A help card's lines as the reader sees them (the card escapes Markdown, so that "<team>" shows as typed). */
function facts(card: any): Array<{ title: string; value: string }> {
  const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
  return card.body.find((b: any) => b.type === 'FactSet').facts.map((f: any) => ({ title: unescape(f.title), value: unescape(f.value) }));
}

/** The command names a help card lists, and the titles of its buttons. */
function listed(card: any): { names: string[]; buttons: string[] } {
  return { names: facts(card).map((f) => f.title), buttons: (card.actions ?? []).map((a: any) => a.title) };
}

describe('help and the greeting by role', () => {
  test('help shows a social worker only the commands a social worker may use', () => {
    const { names, buttons } = listed(helpFor(person('social_worker')));
    expect(names).toEqual([
      'request a move',
      'my tasks',
      'my requests',
      'raise a concern',
      'alerts',
      'meetings',
      '<reference>',
      'review <case ref> <date>',
      'help',
      'any other question',
    ]);
    expect(buttons).toEqual(['Request a move', 'My tasks', 'Raise a concern', 'My meetings']);
    for (const managersOnly of ['cover', 'moves', 'disruptions', 'digest here <teams>', 'approvals here <team>']) expect(names).not.toContain(managersOnly);
  });

  test('help shows a Head of Service cover, the move tracker and the digest', () => {
    const { names, buttons } = listed(helpFor(person('head_of_service')));
    expect(names).toEqual(expect.arrayContaining(['cover', 'moves', 'disruptions', 'digest here <teams>', 'digest now', 'approvals here <team>', 'request a move']));
    expect(buttons).toContain('Move tracker');
  });

  test('the Virtual School may raise a concern but not request a move, set cover or open a request', () => {
    const { names } = listed(helpFor(person('virtual_school', ['*'])));
    expect(names).toContain('raise a concern');
    for (const not of ['request a move', 'my requests', 'cover', '<reference>', 'moves']) expect(names).not.toContain(not);
  });

  test('the performance team sees the tracker and the digest but nothing about a child', () => {
    const { names } = listed(helpFor(person('performance_team', ['*'])));
    expect(names).toEqual(expect.arrayContaining(['moves', 'digest here <teams>']));
    for (const not of ['request a move', 'raise a concern', 'cover', '<reference>']) expect(names).not.toContain(not);
  });

  test('every role sees help, its tasks, its meetings and the guidance, with at most five buttons', () => {
    for (const role of ROLES) {
      const { names, buttons } = listed(helpFor(person(role)));
      expect(names).toEqual(expect.arrayContaining(['help', 'my tasks', 'meetings', 'any other question']));
      expect(buttons.length).toBeLessThanOrEqual(5);
    }
  });

  test('the greeting on first contact lists the same commands, with a welcome', () => {
    const sw = person('social_worker');
    const greeting = helpFor(sw, { firstContact: true });
    expect(listed(greeting)).toEqual(listed(helpFor(sw)));
    expect(JSON.stringify(greeting)).toContain('I am the Placement Stability Bot');
  });

  test('each command listed shows an example where it takes a value', () => {
    const lines = facts(helpFor(person('head_of_service')));
    expect(lines.find((f) => f.title === 'approvals here <team>')!.value).toContain('For example: approvals here North');
    expect(lines.find((f) => f.title === 'help')!.value).not.toContain('For example');
  });
});

describe('the table', () => {
  test('the guidance catch-all is tried last', () => {
    // By construction: a table with the catch-all anywhere but last does not compile.
    const [first] = CHAT_COMMANDS;
    const catchAll = CHAT_COMMANDS[CHAT_COMMANDS.length - 1] as CatchAllCommand;
    // @ts-expect-error the catch-all cannot come before a command
    const wrongWayRound: ChatCommandTable = [catchAll, first];
    expect(wrongWayRound).toHaveLength(2);
    expect(CHAT_COMMANDS.filter((c) => c.catchAll)).toEqual([catchAll]);

    // And the routes are registered in the table's order, the catch-all after every command.
    const registered: string[] = [];
    const app = {
      message: (pattern: RegExp) => registered.push(`message ${pattern.source}`),
      activity: (type: string) => registered.push(`activity ${type}`),
      conversationUpdate: (event: string) => registered.push(`conversationUpdate ${event}`),
    } as unknown as Application<TurnState>;
    const ctx = { log: silentLogger } as unknown as ServiceContext;
    registerChatCommands(app, createTurns(ctx, 'the service desk'), { guidance: { index: {} as never, phraser: null } });
    const messages = registered.filter((r) => r.startsWith('message') || r === 'activity message');
    expect(messages).toEqual([...CHAT_COMMANDS.filter((c): c is ChatCommand => !c.catchAll).map((c) => `message ${c.pattern.source}`), 'activity message']);
  });

  test('no two commands answer the same example, and each answers its own', () => {
    const commands = CHAT_COMMANDS.filter((c): c is ChatCommand => !c.catchAll);
    for (const command of commands) {
      expect(commands.filter((other) => other.pattern.test(command.example)).map((c) => c.name)).toEqual([command.name]);
    }
  });

  test('commandsFor keeps the table order', () => {
    const names = commandsFor(person('team_manager'), CHAT_COMMANDS).map((c) => c.name);
    expect(names).toEqual(CHAT_COMMANDS.map((c) => c.name).filter((n) => names.includes(n)));
  });
});

describe('the Teams app manifest', () => {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../appPackage/manifest.json'), 'utf8'));

  test("the manifest's command list is the one the table generates (npm run docs:manifest)", () => {
    expect(manifest.bots[0].commandLists).toEqual(manifestCommandLists(CHAT_COMMANDS));
  });

  test('the manifest stays valid for Teams: schema 1.x, at most 10 commands per scope, short titles and descriptions', () => {
    expect(manifest.manifestVersion).toMatch(/^1\.\d+$/);
    for (const list of manifest.bots[0].commandLists) {
      expect(list.commands.length).toBeGreaterThan(0);
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
    }
    // The whole manifest against the Teams schema, as `npm run package` checks it.
    const env = {
      BOT_ID: '0f3c1a2b-1234-4abc-9def-0123456789ab',
      DEVELOPER_NAME: 'Example Borough Council',
      DEVELOPER_WEBSITE: 'https://www.example.gov.uk',
      DEVELOPER_PRIVACY_URL: 'https://www.example.gov.uk/privacy',
      DEVELOPER_TERMS_URL: 'https://www.example.gov.uk/terms',
    };
    expect(() => buildAppPackage({ env, outFile: path.join(mkdtempSync(path.join(tmpdir(), 'psb-manifest-')), 'app.zip') })).not.toThrow();
  });
});
