// The shape of a chat command, as src/cli/command.ts is for the command line. Each command is one
// entry: the pattern it answers, who may use it (through the permission table), its help line and
// an example, and its handler. The table (routes/chatCommands.ts) lists them in the order they are
// tried; the routes are registered from it, and `help`, the greeting and the Teams app manifest's
// command menus are generated from it, so what the bot answers and what it says it answers agree.
import type { TurnContext } from 'botbuilder';
import { hasRole, type Person } from '../domain/people';
import { may, type Action, type ChildLinks, type SubjectOf } from '../domain/permissions';
import type { GuidancePhraser } from '../guidance/phrasing';
import type { GuidanceIndex } from '../guidance/search';
import type { ServiceContext } from '../services/context';
import type { AdaptiveCard } from './cards';

/** What the handlers need besides the services: the guidance pack. */
export interface ChatDeps {
  guidance: {
    index: GuidanceIndex;
    /** Null when no model is configured. */
    phraser: GuidancePhraser | null;
  };
}

export interface ChatTurn {
  ctx: ServiceContext;
  context: TurnContext;
  /** The roster person behind the message (never anything the message says). */
  person: Person;
  /** The message text (the bot's @mention removed) as the pattern matched it. */
  match: RegExpMatchArray;
  deps: ChatDeps;
  /** The card `help` gives this person (for a message with nothing in it). */
  helpCard(): AdaptiveCard;
}

/** A chat answer: a card, or a line of text. */
export type ChatHandler = (turn: ChatTurn) => Promise<AdaptiveCard | string>;

/** The Teams conversation kinds, as the manifest's command lists name them. */
export type ManifestScope = 'personal' | 'team';

/**
 * Someone's own work, as the permission table sees it: in each team they cover, a child they are
 * linked to by their role (the social worker, the carers' supervising social worker or the IRO).
 */
export interface OwnWork {
  person: Person;
  teams: string[];
  children: ChildLinks[];
}

/** One question to the permission table: may this person do `action` on something in their own work? */
export interface PermissionCheck {
  action: Action;
  allows(work: OwnWork): boolean;
}

/** `action` on the subjects `subjectsIn` their own work gives, through `may`. */
export function permitted<A extends Action>(action: A, subjectsIn: (work: OwnWork) => Array<SubjectOf<A>>): PermissionCheck {
  return { action, allows: (work) => subjectsIn(work).some((subject) => may(work.person, action, subject)) };
}

/**
 * Who a command is for: everyone on the roster, or whoever passes one of these checks. It decides
 * what help, the greeting and the menus offer someone; the services still check every action.
 */
export type UsableBy = 'everyone' | readonly PermissionCheck[];

interface CommandInfo {
  /** What a person types, as help and the manifest show it; <...> is a value they fill in. */
  name: string;
  /** One line for help and the Teams command menu (at most 128 characters). */
  help: string;
  /** An example message, as typed. */
  example: string;
}

export interface ChatCommand extends CommandInfo {
  /** The message text it answers, tried in the table's order. */
  pattern: RegExp;
  usableBy: UsableBy;
  /** The Teams command menus that offer it (at most 10 commands each). */
  menu: readonly ManifestScope[];
  /** A button for it on the help card and the greeting. */
  button?: { verb: string; title: string };
  handle: ChatHandler;
  catchAll?: never;
}

/** The answer to any message no command matched: it has no pattern, and the table's type puts it last. */
export interface CatchAllCommand extends CommandInfo {
  catchAll: true;
  usableBy: 'everyone';
  handle: ChatHandler;
}

/** Commands in the order they are tried, then the catch-all: a catch-all anywhere else does not compile. */
export type ChatCommandTable = readonly [...ChatCommand[], CatchAllCommand];

export function defineChatCommand(command: ChatCommand): ChatCommand {
  return command;
}

/** A child of `team` on whom the person holds their role's place (a stand-in: only the links matter). */
function ownChild(person: Person, team: string): ChildLinks {
  return {
    caseRef: 'CR-OWN-WORK',
    team,
    socialWorker: hasRole(person, 'social_worker') ? person.id : null,
    supervisingSocialWorker: hasRole(person, 'supervising_social_worker') ? person.id : null,
    iro: hasRole(person, 'iro') ? person.id : null,
  };
}

export function ownWorkOf(person: Person): OwnWork {
  return { person, teams: person.teams, children: person.teams.map((team) => ownChild(person, team)) };
}

export function mayUse(person: Person, command: ChatCommand | CatchAllCommand): boolean {
  if (command.usableBy === 'everyone') return true;
  const work = ownWorkOf(person);
  return command.usableBy.some((check) => check.allows(work));
}

/** The commands this person may use, in the table's order (the catch-all last). */
export function commandsFor(person: Person, table: ChatCommandTable): Array<ChatCommand | CatchAllCommand> {
  return table.filter((command) => mayUse(person, command));
}

/** The title Teams puts in the compose box: the name without its <placeholders>. */
export const menuTitle = (command: CommandInfo): string => command.name.replace(/<[^>]*>/g, '').trim();

export interface ManifestCommandList {
  scopes: [ManifestScope];
  commands: Array<{ title: string; description: string }>;
}

/** The manifest's `commandLists`: for each scope, the commands whose `menu` names it, in the table's order. */
export function manifestCommandLists(table: ChatCommandTable): ManifestCommandList[] {
  const scopes: ManifestScope[] = ['personal', 'team'];
  return scopes.map((scope) => ({
    scopes: [scope],
    commands: table.filter((c): c is ChatCommand => !c.catchAll && c.menu.includes(scope)).map((c) => ({ title: menuTitle(c), description: c.help })),
  }));
}
