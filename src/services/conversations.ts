// Where the bot can reach people and channels: conversation references stored on first contact.
import type { Person } from '../domain/people';
import { authorize } from '../domain/permissions';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { sendWaitingApprovalsTo } from './moveEffects';
import { rememberedByRecords } from './knownChats';
import { releaseHeldMessages } from './outbox';

export interface ConversationInfo {
  kind: 'personal' | 'channel';
  conversationId: string;
  reference: Record<string, unknown>;
}

/** How long this process trusts its memory of a stored reference before reading the store again. */
const REMEMBERED_FOR_MS = 10 * 60 * 1000;
/** Past this many, the memory is cleared rather than grown (it is only a shortcut). */
const MOST_REMEMBERED = 20_000;

/**
 * The references this process stored or found stored, per set of records: every turn of every
 * user passes through rememberConversation, and a reference rarely changes, so a memory of the last
 * one saves a store read on almost every turn. Nothing deletes references, so the memory can only be
 * out of date by another process storing a newer one for the same person; it is read again within
 * REMEMBERED_FOR_MS, and a turn that brings a different reference always reaches the store.
 */

/** Stores (or refreshes) a conversation reference; returns true when it was new. */
export async function rememberConversation(ctx: ServiceContext, person: Person | null, info: ConversationInfo): Promise<boolean> {
  const id = info.kind === 'personal' && person ? `person:${person.id}` : `channel:${info.conversationId}`;
  const key = JSON.stringify([info.conversationId, info.reference]);
  let remembered = rememberedByRecords.get(ctx.records);
  if (!remembered) rememberedByRecords.set(ctx.records, (remembered = new Map()));
  const now = ctx.now().getTime();
  const known = remembered.get(id);
  if (known && known.key === key && known.until > now) return false;

  const existing = await ctx.records.conversations.get(id);
  if (!existing || JSON.stringify([existing.conversationId, existing.reference]) !== key) {
    await ctx.records.conversations.put({
      _id: id,
      version: (existing?.version ?? 0) + 1,
      kind: info.kind,
      personId: info.kind === 'personal' ? person?.id ?? null : null,
      conversationId: info.conversationId,
      reference: info.reference,
      updatedAt: ctx.now().toISOString(),
    });
  }
  if (!existing && person && info.kind === 'personal') {
    // What could not reach them before they opened the bot goes now.
    await releaseHeldMessages(ctx, person.id);
    await sendWaitingApprovalsTo(ctx, person);
  }
  if (remembered.size >= MOST_REMEMBERED) remembered.clear();
  remembered.set(id, { key, until: now + REMEMBERED_FOR_MS });
  return !existing;
}

/** Makes a channel the team's approvals channel (used when no Head of Service can be reached in chat). */
export async function setApprovalsChannel(ctx: ServiceContext, actor: Person | 'cli', team: string, conversationId: string): Promise<void> {
  if (actor !== 'cli') authorize(actor, 'choose the approvals channel', { teams: [team] });
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
