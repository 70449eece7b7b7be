// Audit history and channel settings.
import { auditTrail } from '../../services/audit';
import { setApprovalsChannel } from '../../services/conversations';
import { UsageError, type CliCommand } from '../command';

export const audit: CliCommand = {
  words: ['audit'],
  usage: 'audit <reference>',
  summary: 'the history of a request (or a person, team or case reference)',
  needsStore: true,
  async run({ positionals: [subject], ctx, io }) {
    if (!subject) throw new UsageError(this.usage);
    const entries = await auditTrail(ctx!, subject);
    if (entries.length === 0) {
      io.out(`Nothing in the audit log for ${subject}.`);
      return 1;
    }
    for (const e of entries) {
      const change = e.fromState || e.toState ? ` ${e.fromState ?? '-'} -> ${e.toState ?? '-'}` : '';
      const details = Object.entries(e.details).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${v}`).join(' ');
      io.out(`${e.at}  ${e.actor}  ${e.action}${change}${details ? `  ${details}` : ''}`);
    }
    return 0;
  },
};

export const setApprovals: CliCommand = {
  words: ['channel', 'set-approvals'],
  usage: 'channel set-approvals <team> <conversation-id>',
  summary: 'post approval cards for <team> in that channel when no Head of Service can be reached in chat',
  needsStore: true,
  async run({ positionals: [team, conversationId], ctx, io }) {
    if (!team || !conversationId) throw new UsageError(this.usage);
    await setApprovalsChannel(ctx!, 'cli', team, conversationId);
    io.out(`Approval cards for ${team} will go to ${conversationId} when no Head of Service can be reached in chat.`);
    return 0;
  },
};
