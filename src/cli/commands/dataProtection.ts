// Subject access and retention from the command line.
import { applyRetention, exportChild, MIN_RETENTION_DAYS } from '../../services/dataProtection';
import { arg, defineCommand, requiredOption } from '../command';
import { reference, wholeNumber } from '../values';

export const exportCase = defineCommand({
  words: ['export'],
  summary: 'everything held on a child, as JSON (for a subject access request)',
  args: { caseRef: arg('caseRef', "the child's case reference", reference) },
  options: {},
  needsStore: true,
  async run({ args, ctx, io }) {
    io.out(JSON.stringify(await exportChild(ctx!, args.caseRef), null, 2));
    return 0;
  },
});

export const retention = defineCommand({
  words: ['retention', 'apply'],
  summary: 'remove the free text of records closed more than N days ago (who did what and when is kept)',
  args: {},
  options: {
    days: requiredOption('N', `the retention period in days (at least ${MIN_RETENTION_DAYS})`, wholeNumber(MIN_RETENTION_DAYS, 36_500, 'days')),
  },
  needsStore: true,
  async run({ options, ctx, io }) {
    const done = await applyRetention(ctx!, options.days);
    io.out(
      `Free text removed from ${done.moveRequests} closed move requests, ${done.alerts} closed alerts, ${done.meetings} held meetings ` +
        `(with ${done.auditEntries} audit entries, ${done.messages} stored messages and ${done.tasks} tasks) and ${done.feedback} guidance feedback items.`,
    );
    return 0;
  },
});
