// Audit history and channel settings.
import { auditTrail } from '../../services/audit';
import { setApprovalsChannel } from '../../services/conversations';
import { arg, defineCommand } from '../command';
import { reference } from '../values';

export const audit = defineCommand({
  words: ['audit'],
  summary: 'the history of a request (or a person, team or case reference)',
  args: { subject: arg('reference', 'a request, alert or meeting reference, a case reference, an email or a team', reference) },
  options: {},
  needsStore: true,
  async run({ args: { subject }, ctx, io }) {
    const entries = await auditTrail(ctx!, subject);
    if (entries.length === 0) {
      io.out(`Nothing in the audit log for ${subject}.`);
      return 1;
    }
    for (const e of entries) {
      const change = e.fromState || e.toState ? ` ${e.fromState ?? '-'} -> ${e.toState ?? '-'}` : '';
      const details = Object.entries(e.details)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      io.out(`${e.at}  ${e.actor}  ${e.action}${change}${details ? `  ${details}` : ''}`);
    }
    return 0;
  },
});

export const setApprovals = defineCommand({
  words: ['channel', 'set-approvals'],
  summary: 'post approval cards for <team> in that channel when no Head of Service can be reached in chat',
  args: { team: arg('team', 'the team, as the roster names it', reference), conversationId: arg('conversation-id', 'the Teams channel conversation id', reference) },
  options: {},
  needsStore: true,
  async run({ args: { team, conversationId }, ctx, io }) {
    await setApprovalsChannel(ctx!, 'cli', team, conversationId);
    io.out(`Approval cards for ${team} will go to ${conversationId} when no Head of Service can be reached in chat.`);
    return 0;
  },
});
