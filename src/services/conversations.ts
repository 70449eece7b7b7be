// Where the bot can reach people and channels: conversation references stored on first contact.
import { canDecideMove, hasRole, coversTeam, type Person } from '../domain/people';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { NotPermittedError } from './errors';
import { sendWaitingApprovalsTo } from './moveEffects';

export interface ConversationInfo {
  kind: 'personal' | 'channel';
  conversationId: string;
  reference: Record<string, unknown>;
}

/** Stores (or refreshes) a conversation reference; returns true when it was new. */
export async function rememberConversation(ctx: ServiceContext, person: Person | null, info: ConversationInfo): Promise<boolean> {
  const id = info.kind === 'personal' && person ? `person:${person.id}` : `channel:${info.conversationId}`;
  const existing = await ctx.records.conversations.get(id);
  if (existing && existing.conversationId === info.conversationId && JSON.stringify(existing.reference) === JSON.stringify(info.reference)) return false;
  await ctx.records.conversations.put({
    _id: id,
    version: (existing?.version ?? 0) + 1,
    kind: info.kind,
    personId: info.kind === 'personal' ? person?.id ?? null : null,
    conversationId: info.conversationId,
    reference: info.reference,
    updatedAt: ctx.now().toISOString(),
  });
  if (!existing && person && info.kind === 'personal') await sendWaitingApprovalsTo(ctx, person);
  return !existing;
}

/** Makes a channel the team's approvals channel (used when no Head of Service can be reached in chat). */
export async function setApprovalsChannel(ctx: ServiceContext, actor: Person | 'cli', team: string, conversationId: string): Promise<void> {
  if (actor !== 'cli') {
    const allowed = canDecideMove(actor, team) || (hasRole(actor, 'team_manager') && coversTeam(actor, team)) || (hasRole(actor, 'service_manager') && coversTeam(actor, team));
    if (!allowed) throw new NotPermittedError(`Only a manager of ${team} can choose its approvals channel.`);
  }
  const existing = await ctx.records.teamSettings.get(team);
  const at = ctx.now().toISOString();
  await ctx.records.teamSettings.put({ _id: team, version: (existing?.version ?? 0) + 1, approvalsChannel: conversationId, updatedAt: at });
  await writeAudit(ctx, {
    actor: actor === 'cli' ? 'cli' : actor.id,
    action: 'team.approvals-channel-set',
    subject: team,
    fromState: existing?.approvalsChannel ?? null,
    toState: conversationId,
  }, at);
}
