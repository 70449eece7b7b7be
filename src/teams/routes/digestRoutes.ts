// The digest in a managers' channel: "digest here <teams>", "digest now", "digest schedule
// <days> <time>", "digest stop" (in a channel, with an @mention).
import type { Application, TurnState } from '@microsoft/teams-ai';
import { describeSchedule, parseSchedule } from '../../domain/schedule';
import { queueDigestNow, rescheduleDigest, stopDigest, subscribeDigest } from '../../services/digest';
import { channelIdOf, isChannel } from '../identity';
import type { Turns } from '../turns';

export const DIGEST_HERE = /^digest here\s+(.{1,500})$/i;
export const DIGEST_NOW = /^digest now$/i;
export const DIGEST_STOP = /^digest stop$/i;
export const DIGEST_SCHEDULE = /^digest schedule\s+(.{1,100})$/i;

const IN_CHANNEL_ONLY = "The digest goes to a channel: say this in the managers' channel, with an @mention of the bot.";

export function registerDigestRoutes(app: Application<TurnState>, { ctx, command }: Turns): void {
  app.message(
    DIGEST_HERE,
    command(async (context, person, match) => {
      if (!isChannel(context)) return IN_CHANNEL_ONLY;
      const teams = match![1]
        .split(/[,;]/)
        .map((t) => t.trim())
        .filter(Boolean);
      const subscription = await subscribeDigest(ctx, person, channelIdOf(context)!, teams);
      return `This channel will get the placement stability digest for ${subscription.teams.join(', ')}, ${describeSchedule(subscription)}. Case references only. Say "digest now" to see it, "digest schedule mon,thu 09:00" to change when, or "digest stop".`;
    }, DIGEST_HERE),
  );
  app.message(
    DIGEST_NOW,
    command(async (context, person) => {
      if (!isChannel(context)) return IN_CHANNEL_ONLY;
      await queueDigestNow(ctx, person, channelIdOf(context)!);
      return 'The digest is on its way.';
    }),
  );
  app.message(
    DIGEST_STOP,
    command(async (context, person) => {
      if (!isChannel(context)) return IN_CHANNEL_ONLY;
      await stopDigest(ctx, person, channelIdOf(context)!);
      return 'This channel will no longer get the digest.';
    }),
  );
  app.message(
    DIGEST_SCHEDULE,
    command(async (context, person, match) => {
      if (!isChannel(context)) return IN_CHANNEL_ONLY;
      const schedule = parseSchedule(match![1]);
      if (!schedule) return 'I did not understand that schedule. Try "digest schedule weekdays 08:00" or "digest schedule mon,thu 09:30" (UK time).';
      const updated = await rescheduleDigest(ctx, person, channelIdOf(context)!, schedule);
      return `The digest will now come ${describeSchedule(updated)}.`;
    }, DIGEST_SCHEDULE),
  );
}
