// Subject access and retention from the command line.
import { applyRetention, exportChild } from '../../services/dataProtection';
import { UsageError, type CliCommand } from '../command';

export const exportCase: CliCommand = {
  words: ['export'],
  usage: 'export <caseRef>',
  summary: 'everything held on a child, as JSON (for a subject access request)',
  needsStore: true,
  async run({ positionals: [caseRef], ctx, io }) {
    if (!caseRef) throw new UsageError(this.usage);
    io.out(JSON.stringify(await exportChild(ctx!, caseRef), null, 2));
    return 0;
  },
};

export const retention: CliCommand = {
  words: ['retention', 'apply'],
  usage: 'retention apply --days N',
  summary: 'remove the free text of records closed more than N days ago (the audit log is kept)',
  needsStore: true,
  async run({ flags, ctx, io }) {
    const days = Number(flags.days);
    if (!Number.isInteger(days) || days < 30) throw new UsageError(`${this.usage}  (N is a whole number of days, at least 30)`);
    const done = await applyRetention(ctx!, days);
    io.out(`Free text removed from ${done.moveRequests} closed move requests and ${done.feedback} guidance feedback items.`);
    return 0;
  },
};
