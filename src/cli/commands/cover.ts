// Cover for an absent Head of Service from the command line: "Harry decides for North from 22 Dec to 2 Jan".
import { formatDate } from '../../domain/dates';
import { coversFor, setCover } from '../../services/cover';
import { InvalidInputError } from '../../services/errors';
import { arg, defineCommand, option, requiredOption } from '../command';
import { isoDate, reference } from '../values';

export const coverSet = defineCommand({
  words: ['cover', 'set'],
  summary: "during those days <cover-email> also gets the team's approval cards and may decide them",
  args: { team: arg('team', 'the team, as the roster names it', reference), cover: arg('cover-email', 'who decides during the cover (on the roster)', reference) },
  options: {
    from: requiredOption('YYYY-MM-DD', 'the first day of the cover', isoDate),
    to: requiredOption('YYYY-MM-DD', 'the last day of the cover (at most 92 days on)', isoDate),
    for: option('EMAIL', 'the Head of Service covered for', reference),
  },
  needsStore: true,
  async run({ args: { team, cover }, options, ctx, io }) {
    try {
      const set = await setCover(ctx!, 'cli', { team, cover, from: options.from, to: options.to, for: options.for });
      io.out(`${set.coverName} decides for ${set.team}${set.forName ? ` (covering ${set.forName})` : ''} from ${formatDate(set.from)} to ${formatDate(set.to)}.`);
      return 0;
    } catch (err) {
      if (!(err instanceof InvalidInputError)) throw err;
      io.err(Object.values(err.fields).join(' '));
      return 2;
    }
  },
});

export const coverList = defineCommand({
  words: ['cover', 'list'],
  summary: 'cover in force now or set for later; one that grants nothing says "not in force" and why',
  args: {},
  options: {},
  needsStore: true,
  async run({ ctx, io }) {
    const covers = await coversFor(ctx!, 'cli');
    if (covers.length === 0) io.out('No cover is set.');
    for (const c of covers)
      io.out(`${c.team}: ${c.coverName} (${c.coverId})${c.forName ? ` covering ${c.forName}` : ''}, ${c.from} to ${c.to}${c.notInForce ? ` \u2014 ${c.notInForce}` : ''}`);
    return 0;
  },
});
