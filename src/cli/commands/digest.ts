// The managers' digest from the command line: subscribe a channel, stop it, or preview a card.
import { ukDate } from '../../domain/dates';
import { describeSchedule, parseSchedule } from '../../domain/schedule';
import { buildDigest, stopDigest, subscribeDigest } from '../../services/digest';
import { digestCard } from '../../teams/digestCards';
import { UsageError, type CliCommand } from '../command';

export const digestSubscribe: CliCommand = {
  words: ['digest', 'subscribe'],
  usage: 'digest subscribe <conversation-id> <team...> [--schedule "weekdays 08:00"]',
  summary: 'send the daily digest for these teams to a channel',
  needsStore: true,
  async run({ positionals: [conversationId, ...teams], flags, ctx, io }) {
    if (!conversationId || teams.length === 0) throw new UsageError(this.usage);
    const schedule = typeof flags.schedule === 'string' ? parseSchedule(flags.schedule) : undefined;
    if (schedule === null) throw new UsageError(`${this.usage}\n  a schedule looks like "weekdays 08:00" or "mon,thu 09:30" (UK time)`);
    const subscription = await subscribeDigest(ctx!, 'cli', conversationId, teams, schedule);
    io.out(`${conversationId} will get the digest for ${subscription.teams.join(', ')}, ${describeSchedule(subscription)}.`);
    return 0;
  },
};

export const digestStop: CliCommand = {
  words: ['digest', 'stop'],
  usage: 'digest stop <conversation-id>',
  summary: 'stop a channel\'s digest',
  needsStore: true,
  async run({ positionals: [conversationId], ctx, io }) {
    if (!conversationId) throw new UsageError(this.usage);
    await stopDigest(ctx!, 'cli', conversationId);
    io.out(`${conversationId} will no longer get the digest.`);
    return 0;
  },
};

export const digestPreview: CliCommand = {
  words: ['digest', 'preview'],
  usage: 'digest preview <team...> [--at YYYY-MM-DD] [--json]',
  summary: 'the digest card a channel would get today (Adaptive Card JSON with --json)',
  needsStore: true,
  async run({ positionals: teams, flags, ctx, io }) {
    if (teams.length === 0) throw new UsageError(this.usage);
    const now = ctx!.now();
    const date = typeof flags.at === 'string' ? flags.at : ukDate(now);
    const card = digestCard(await buildDigest(ctx!, teams, date, null), now);
    if (flags.json) io.out(JSON.stringify(card, null, 2));
    else io.out(`Digest for ${teams.join(', ')} on ${date}: ${Buffer.byteLength(JSON.stringify(card))} bytes. Add --json to print the card.`);
    return 0;
  },
};
