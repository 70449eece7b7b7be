// The managers' digest from the command line: subscribe a channel, stop it, or preview a card.
import { z } from 'zod';
import { ukDate } from '../../domain/dates';
import { describeSchedule, parseSchedule, type WeeklySchedule } from '../../domain/schedule';
import { buildDigest, stopDigest, subscribeDigest } from '../../services/digest';
import { digestCard } from '../../teams/digestCards';
import { arg, defineCommand, flag, option, restArgs } from '../command';
import { isoDate, reference } from '../values';

const schedule = z
  .string()
  .transform((text) => parseSchedule(text))
  .refine((s): s is WeeklySchedule => s !== null, 'a schedule looks like "weekdays 08:00" or "mon,thu 09:30" (UK time)')
  .transform((s) => s as WeeklySchedule);

export const digestSubscribe = defineCommand({
  words: ['digest', 'subscribe'],
  summary: 'send the daily digest for these teams to a channel',
  args: {
    conversationId: arg('conversation-id', 'the Teams channel conversation id', reference),
    teams: restArgs('team', 'the teams whose digest it gets', reference),
  },
  options: { schedule: option('"DAYS HH:MM"', 'when it is sent, e.g. "weekdays 08:00" (the default) or "mon,thu 09:30" (UK time)', schedule) },
  needsStore: true,
  async run({ args: { conversationId, teams }, options, ctx, io }) {
    const subscription = await subscribeDigest(ctx!, 'cli', conversationId, teams, options.schedule);
    io.out(`${conversationId} will get the digest for ${subscription.teams.join(', ')}, ${describeSchedule(subscription)}.`);
    return 0;
  },
});

export const digestStop = defineCommand({
  words: ['digest', 'stop'],
  summary: "stop a channel's digest",
  args: { conversationId: arg('conversation-id', 'the Teams channel conversation id', reference) },
  options: {},
  needsStore: true,
  async run({ args: { conversationId }, ctx, io }) {
    await stopDigest(ctx!, 'cli', conversationId);
    io.out(`${conversationId} will no longer get the digest.`);
    return 0;
  },
});

export const digestPreview = defineCommand({
  words: ['digest', 'preview'],
  summary: 'the digest card a channel would get today (Adaptive Card JSON with --json)',
  args: { teams: restArgs('team', 'the teams in the digest', reference) },
  options: { at: option('YYYY-MM-DD', 'the day it is for (default: today, UK time)', isoDate), json: flag('print the Adaptive Card JSON') },
  needsStore: true,
  async run({ args: { teams }, options, ctx, io }) {
    const now = ctx!.now();
    const date = options.at ?? ukDate(now);
    const card = digestCard(await buildDigest(ctx!, teams, date, null), now);
    if (options.json) io.out(JSON.stringify(card, null, 2));
    else io.out(`Digest for ${teams.join(', ')} on ${date}: ${Buffer.byteLength(JSON.stringify(card))} bytes. Add --json to print the card.`);
    return 0;
  },
});
