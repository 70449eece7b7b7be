// The chat commands, in the order they are tried, with the guidance catch-all last (the table's
// type puts it there). The routes are registered from this table, and `help`, the greeting on first
// contact (sent by generalRoutes.ts) and the Teams app manifest's command menus (npm run
// docs:manifest) are generated from it.
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Person } from '../../domain/people';
import { helpCard, type AdaptiveCard } from '../cards';
import { commandsFor, defineChatCommand, type ChatCommandTable, type ChatDeps } from '../chatCommand';
import type { Turns } from '../turns';
import { ALERT_COMMANDS } from './alertRoutes';
import { DIGEST_COMMANDS } from './digestRoutes';
import { APPROVALS_HERE_COMMAND } from './generalRoutes';
import { GUIDANCE_QUESTION } from './guidanceRoutes';
import { DISRUPTIONS_COMMAND, MEETINGS_COMMAND } from './meetingRoutes';
import { COVER_COMMAND, MOVE_COMMANDS, MOVE_TRACKER_COMMAND, OPEN_REQUEST_COMMAND } from './moveRoutes';
import { SET_REVIEW_COMMAND } from './planRoutes';

export const HELP = /^(help|hi|hello|hey|start|\?)$/i;
/** What the catch-all's handler gets as its match: the whole message. */
const WHOLE_MESSAGE = /^[\s\S]*$/;

const HELP_COMMAND = defineChatCommand({
  name: 'help',
  pattern: HELP,
  usableBy: 'everyone',
  help: 'What I can do for you: the commands for your role',
  example: 'help',
  menu: ['personal', 'team'],
  handle: async ({ person }) => helpFor(person),
});

export const CHAT_COMMANDS: ChatCommandTable = [
  ...MOVE_COMMANDS,
  ...ALERT_COMMANDS,
  MEETINGS_COMMAND,
  DISRUPTIONS_COMMAND,
  MOVE_TRACKER_COMMAND,
  COVER_COMMAND,
  OPEN_REQUEST_COMMAND,
  SET_REVIEW_COMMAND,
  APPROVALS_HERE_COMMAND,
  ...DIGEST_COMMANDS,
  HELP_COMMAND,
  GUIDANCE_QUESTION,
];

/** The help card: the commands this person's role may use, with the buttons for them. */
export function helpFor(person: Person | null, options: { firstContact?: boolean } = {}): AdaptiveCard {
  const commands = person ? commandsFor(person, CHAT_COMMANDS) : [];
  return helpCard({
    greeting: person ? `Hello ${person.name.split(' ')[0]}` : 'Hello',
    firstContact: options.firstContact ?? false,
    commands: commands.map((c) => ({ name: c.name, help: c.example === c.name ? c.help : `${c.help}. For example: ${c.example}` })),
    buttons: commands.flatMap((c) => (!c.catchAll && c.button ? [c.button] : [])),
  });
}

/** Registers every command of the table in its order, the catch-all last. */
export function registerChatCommands(app: Application<TurnState>, { ctx, command }: Turns, deps: ChatDeps): void {
  for (const entry of CHAT_COMMANDS) {
    const handler = command(
      async (context, person, match) => entry.handle({ ctx, context, person, match: match!, deps, helpCard: () => helpFor(person) }),
      entry.catchAll ? WHOLE_MESSAGE : entry.pattern,
    );
    if (entry.catchAll) app.activity('message', handler);
    else app.message(entry.pattern, handler);
  }
}
