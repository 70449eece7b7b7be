// Where the bot can reach people and channels: a conversation's address, stored on first contact.
import type { Person } from '../domain/people';
import { authorize } from '../domain/permissions';
import type { ConversationAddress, ConversationDoc, LegacyConversationDoc } from '../store/records';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { sendWaitingApprovalsTo } from './moveEffects';
import { rememberedByRecords } from './knownChats';
import { releaseHeldMessages } from './outbox';
import { checkTeamsExist } from './teamNames';

export interface ConversationInfo {
  kind: 'personal' | 'channel';
  address: ConversationAddress;
}

function addressKey(a: ConversationAddress): string {
  return JSON.stringify([a.conversationId, a.serviceUrl, a.tenantId, a.botId, a.conversationType, a.userAadId]);
}

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** A document still in the old form: the SDK's reference, without the plain fields (see LegacyConversationDoc). */
function isOldShape(doc: ConversationDoc | LegacyConversationDoc): doc is LegacyConversationDoc {
  return 'reference' in doc && doc.reference != null && !('serviceUrl' in doc && typeof doc.serviceUrl === 'string');
}

/**
 * The address of a stored conversation, in either stored form. A conversation stored before the
 * plain fields holds the Bot Framework SDK's ConversationReference as JSON: its fields are read here
 * as plain JSON, so old documents keep working until they are migrated (migrateStoredConversations)
 * or the next turn rewrites them (rememberConversation).
 */
export function conversationAddressOf(doc: ConversationDoc | LegacyConversationDoc): ConversationAddress {
  if (!isOldShape(doc)) {
    const { conversationId, serviceUrl, tenantId, botId, conversationType, userAadId } = doc as ConversationDoc;
    return { conversationId, serviceUrl, tenantId, botId, conversationType, userAadId };
  }
  const reference = doc.reference as {
    serviceUrl?: unknown;
    bot?: { id?: unknown };
    user?: { aadObjectId?: unknown };
    conversation?: { tenantId?: unknown; conversationType?: unknown };
  };
  return {
    conversationId: doc.conversationId,
    serviceUrl: text(reference.serviceUrl) ?? '',
    tenantId: text(reference.conversation?.tenantId),
    botId: text(reference.bot?.id) ?? '',
    conversationType: text(reference.conversation?.conversationType) ?? (doc.kind === 'channel' ? 'channel' : null),
    userAadId: doc.kind === 'personal' ? text(reference.user?.aadObjectId) : null,
  };
}

/**
 * Rewrites conversations stored in the old form (the SDK's reference) in plain fields, at start-up;
 * returns how many. Each is a version-checked update, so a turn that stores a newer address at the
 * same moment wins; the old `reference` is set to null (the store contract has no field removal).
 */
export async function migrateStoredConversations(ctx: ServiceContext): Promise<number> {
  let migrated = 0;
  for (;;) {
    const batch = (await ctx.records.conversations.find({ reference: { $exists: true, $ne: null } }, { limit: 200 })).filter(isOldShape);
    let progress = 0;
    for (const doc of batch) {
      const plain: Partial<ConversationDoc> = { ...conversationAddressOf(doc), reference: null };
      if (await ctx.records.conversations.updateIfVersion(doc._id, doc.version, plain)) progress++;
    }
    migrated += progress;
    // Nothing left, or only documents a turn is rewriting right now (it writes the plain form itself).
    if (batch.length === 0 || progress === 0) return migrated;
  }
}

/** How long this process trusts its memory of a stored address before reading the store again. */
const REMEMBERED_FOR_MS = 10 * 60 * 1000;
/** Past this many, the memory is cleared rather than grown (it is only a shortcut). */
const MOST_REMEMBERED = 20_000;

/**
 * The addresses this process stored or found stored, per set of records: every turn of every
 * user passes through rememberConversation, and an address rarely changes, so a memory of the last
 * one saves a store read on almost every turn. Nothing deletes addresses, so the memory can only be
 * out of date by another process storing a newer one for the same person; it is read again within
 * REMEMBERED_FOR_MS, and a turn that brings a different address always reaches the store.
 */

/** Stores (or refreshes) a conversation's address; returns true when it was new. */
export async function rememberConversation(ctx: ServiceContext, person: Person | null, info: ConversationInfo): Promise<boolean> {
  const id = info.kind === 'personal' && person ? `person:${person.id}` : `channel:${info.address.conversationId}`;
  const key = addressKey(info.address);
  let remembered = rememberedByRecords.get(ctx.records);
  if (!remembered) rememberedByRecords.set(ctx.records, (remembered = new Map()));
  const now = ctx.now().getTime();
  const known = remembered.get(id);
  if (known && known.key === key && known.until > now) return false;

  const existing = await ctx.records.conversations.get(id);
  // A document in the old form (the SDK's reference, or its null left by the migration) is rewritten in the plain form.
  if (!existing || existing.reference !== undefined || addressKey(conversationAddressOf(existing)) !== key) {
    const doc: ConversationDoc = {
      _id: id,
      version: (existing?.version ?? 0) + 1,
      kind: info.kind,
      personId: info.kind === 'personal' ? (person?.id ?? null) : null,
      ...info.address,
      userAadId: info.kind === 'personal' ? info.address.userAadId : null,
      updatedAt: ctx.now().toISOString(),
    };
    await ctx.records.conversations.put(doc);
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

/**
 * The address of the bot's one-to-one chat with `person` from its chat id alone, as Microsoft Graph
 * gives it for the app's installation for them (when the app was already installed but the bot had
 * lost their address). The rest of an address (service URL, tenant, bot id) is the tenant's, taken
 * from the conversation the bot most recently stored. Stored like a chat they opened, so from now on
 * they are reached like anyone else; null when the bot knows no conversation yet to take them from.
 */
export async function rememberInstalledChat(ctx: ServiceContext, person: Person, chatId: string): Promise<ConversationAddress | null> {
  const known = await ctx.records.conversations.findOne({ kind: { $in: ['personal', 'team'] } }, { sort: { updatedAt: -1 } });
  if (!known) return null;
  const { serviceUrl, tenantId, botId } = conversationAddressOf(known);
  if (!serviceUrl || !botId) return null;
  const address: ConversationAddress = { conversationId: chatId, serviceUrl, tenantId, botId, conversationType: 'personal', userAadId: person.aadObjectId ?? null };
  // The store has no address for them, whatever this process remembers: it is written again.
  rememberedByRecords.get(ctx.records)?.delete(`person:${person.id}`);
  await rememberConversation(ctx, person, { kind: 'personal', address });
  return address;
}

/** Makes a channel the team's approvals channel (used when no Head of Service can be reached in chat). */
export async function setApprovalsChannel(ctx: ServiceContext, actor: Person | 'cli', team: string, conversationId: string): Promise<void> {
  // In chat, a mistyped team is named (team names are not sensitive), as for the digest; the CLI
  // may set the channel up before the roster and children are imported.
  if (actor !== 'cli') await checkTeamsExist(ctx, [team], 'team');
  if (actor !== 'cli') authorize(actor, 'choose the approvals channel', { teams: [team] });
  const existing = await ctx.records.teamSettings.get(team);
  const at = ctx.now().toISOString();
  await ctx.records.teamSettings.put({ _id: team, version: (existing?.version ?? 0) + 1, approvalsChannel: conversationId, updatedAt: at });
  await writeAudit(
    ctx,
    {
      actor: actor === 'cli' ? 'cli' : actor.id,
      action: 'team.approvals-channel-set',
      subject: team,
      fromState: existing?.approvalsChannel ?? null,
      toState: conversationId,
    },
    at,
  );
}
