// The digest in a managers' channel: "digest here <teams>", "digest now", "digest schedule
// <days> <time>", "digest stop" (in a channel, with an @mention).
import { describeSchedule, parseSchedule } from '../../domain/schedule';
import { queueDigestNow, rescheduleDigest, stopDigest, subscribeDigest } from '../../services/digest';
import { defineChatCommand, permitted, type PermissionCheck } from '../chatCommand';
import { channelIdOf, isChannel } from '../identity';

export const DIGEST_HERE = /^digest here\s+(.{1,500})$/i;
export const DIGEST_NOW = /^digest now$/i;
export const DIGEST_STOP = /^digest stop$/i;
export const DIGEST_SCHEDULE = /^digest schedule\s+(.{1,100})$/i;

const IN_CHANNEL_ONLY = "The digest goes to a channel: say this in the managers' channel, with an @mention of the bot.";

/** Those who may send a digest of one of their teams to a channel. */
const DIGEST_SENDERS: readonly PermissionCheck[] = [permitted('send the digest to a channel', ({ teams }) => teams.map((team) => ({ teams: [team] })))];

export const DIGEST_COMMANDS = [
  defineChatCommand({
    name: 'digest here <teams>',
    pattern: DIGEST_HERE,
    usableBy: DIGEST_SENDERS,
    help: "In a managers' channel: the daily stability digest for these teams, case references only",
    example: 'digest here North, South',
    menu: ['team'],
    handle: async ({ ctx, context, person, match }) => {
      if (!isChannel(context)) return IN_CHANNEL_ONLY;
      const teams = match[1]
        .split(/[,;]/)
        .map((t) => t.trim())
        .filter(Boolean);
      const subscription = await subscribeDigest(ctx, person, channelIdOf(context)!, teams);
      return `This channel will get the placement stability digest for ${subscription.teams.join(', ')}, ${describeSchedule(subscription)}. Case references only. Say "digest now" to see it, "digest schedule mon,thu 09:00" to change when, or "digest stop".`;
    },
  }),
  defineChatCommand({
    name: 'digest now',
    pattern: DIGEST_NOW,
    usableBy: DIGEST_SENDERS,
    help: "In a digest channel: post today's digest now",
    example: 'digest now',
    menu: [],
    handle: async ({ ctx, context, person }) => {
      if (!isChannel(context)) return IN_CHANNEL_ONLY;
      await queueDigestNow(ctx, person, channelIdOf(context)!);
      return 'The digest is on its way.';
    },
  }),
  defineChatCommand({
    name: 'digest schedule <days> <time>',
    pattern: DIGEST_SCHEDULE,
    usableBy: DIGEST_SENDERS,
    help: 'In a digest channel: the days and UK time the digest comes',
    example: 'digest schedule mon,thu 09:00',
    menu: [],
    handle: async ({ ctx, context, person, match }) => {
      if (!isChannel(context)) return IN_CHANNEL_ONLY;
      const schedule = parseSchedule(match[1]);
      if (!schedule) return 'I did not understand that schedule. Try "digest schedule weekdays 08:00" or "digest schedule mon,thu 09:30" (UK time).';
      const updated = await rescheduleDigest(ctx, person, channelIdOf(context)!, schedule);
      return `The digest will now come ${describeSchedule(updated)}.`;
    },
  }),
  defineChatCommand({
    name: 'digest stop',
    pattern: DIGEST_STOP,
    usableBy: DIGEST_SENDERS,
    help: 'In a digest channel: stop the digest',
    example: 'digest stop',
    menu: [],
    handle: async ({ ctx, context, person }) => {
      if (!isChannel(context)) return IN_CHANNEL_ONLY;
      await stopDigest(ctx, person, channelIdOf(context)!);
      return 'This channel will no longer get the digest.';
    },
  }),
];
