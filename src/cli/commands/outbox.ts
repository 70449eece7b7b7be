// psb outbox: the messages the bot gave up on (Teams refused them, or they could not be delivered
// within the bound, or their recipient never opened the bot), each with why; and how many wait.
import { undeliveredMessages } from '../../services/undelivered';
import { defineCommand, flag } from '../command';

export const outbox = defineCommand({
  words: ['outbox'],
  summary: 'messages that could not be delivered, with why, and how many are waiting or held',
  args: {},
  options: { json: flag('print JSON') },
  needsStore: true,
  async run({ options, ctx, io }) {
    const failed = await undeliveredMessages(ctx!);
    const [waiting, held] = await Promise.all([ctx!.records.outbox.count({ state: { $in: ['pending', 'sending'] } }), ctx!.records.outbox.count({ state: 'held' })]);
    if (options.json) {
      io.out(JSON.stringify({ undelivered: failed, waiting, held }));
      return 0;
    }
    io.out(`${failed.length} message${failed.length === 1 ? '' : 's'} not delivered; ${waiting} waiting to be sent; ${held} held for people who have not opened the bot yet.`);
    for (const m of failed) io.out(`${m.failedAt ?? '-'}  ${m.ref ?? '-'}  to ${m.to}  ${m.what}: ${m.why}`);
    return 0;
  },
});
