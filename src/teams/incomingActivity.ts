// The typed boundary of what arrives at /api/messages, checked before authentication and before
// anything reads the store:
// - its shape: the least a Bot Framework activity must carry for the bot to know who sent it,
//   where, and where to answer, and the right type for every field the bot or the SDK reads. A
//   wrong one is refused with 400 here rather than failing half-way through a turn;
// - its depth: a body nested deeper than any real activity is refused before it is walked (an
//   80-byte `from` nested 28 deep once stalled the embedded store's key check for over 30 s);
// - what it asks for: only the activity types and invoke names the bot has handlers for, and a
//   card action whose value has the shape Action.Execute gives it (anything else would run a turn,
//   after authentication, only to answer 200 or 501);
// - where it comes from: Microsoft Teams, an allowed tenant, and a Bot Framework service URL.
import { z } from 'zod';
import { serviceUrlProblem, type ServiceUrlPolicy } from './serviceUrls';

/** Deeper than any activity Teams sends (an invoke's card data is about 6 levels down). */
export const MAX_ACTIVITY_DEPTH = 16;

const id = z.string().min(1).max(500);
const shortText = z.string().max(500);
const account = z.object({ id, name: shortText.nullish(), aadObjectId: shortText.nullish(), role: shortText.nullish() }).passthrough();

export const incomingActivitySchema = z
  .object({
    type: z.string().min(1).max(100),
    id: shortText.nullish(),
    name: shortText.nullish(),
    channelId: id,
    serviceUrl: z.string().url().max(2000),
    from: account,
    recipient: account,
    conversation: z.object({ id, conversationType: shortText.nullish(), tenantId: shortText.nullish(), isGroup: z.boolean().nullish(), name: shortText.nullish() }).passthrough(),
    text: z.string().nullish(),
    textFormat: shortText.nullish(),
    locale: shortText.nullish(),
    replyToId: shortText.nullish(),
    timestamp: shortText.nullish(),
    localTimestamp: shortText.nullish(),
    value: z.unknown().optional(),
    channelData: z
      .object({ tenant: z.object({ id: shortText.nullish() }).passthrough().nullish() })
      .passthrough()
      .nullish(),
    entities: z.array(z.object({ type: shortText.nullish() }).passthrough()).nullish(),
    attachments: z.array(z.object({ contentType: shortText.nullish() }).passthrough()).nullish(),
    membersAdded: z.array(account).nullish(),
    membersRemoved: z.array(account).nullish(),
  })
  .passthrough();

export type IncomingActivity = z.infer<typeof incomingActivitySchema>;

/** The activity types the bot has handlers for (src/teams/routes): chat, card presses, installs and members. */
export const HANDLED_ACTIVITY_TYPES = ['message', 'invoke', 'conversationUpdate', 'installationUpdate'] as const;
/**
 * Bot Framework activities Teams sends in the ordinary course of a chat that the bot does not act on
 * (someone reacts to, edits or deletes a message, is typing; a meeting event). They are not hostile:
 * they are answered 200 and nothing is done, so nothing needs to read a token or the store for them.
 */
export const IGNORED_ACTIVITY_TYPES = ['messageReaction', 'messageUpdate', 'messageDelete', 'typing', 'event', 'endOfConversation'] as const;

/** Whether `activity` is one of those: answered at once, with nothing done. */
export function isIgnoredActivity(activity: IncomingActivity): boolean {
  return (IGNORED_ACTIVITY_TYPES as readonly string[]).includes(activity.type);
}
/** The invoke names it answers: an Adaptive Card's Action.Execute. */
export const HANDLED_INVOKE_NAMES = ['adaptiveCard/action'] as const;

/** What Teams sends for an Action.Execute press: the action, with its verb and the card's data (an object, when there is any). */
const cardActionValueSchema = z
  .object({
    action: z
      .object({
        type: z.string().max(100).optional(),
        verb: z.string().min(1).max(100),
        data: z.record(z.unknown()).nullish(),
      })
      .passthrough(),
  })
  .passthrough();

/** Why the bot would have nothing to do with this well-formed activity, else null. */
function unhandledProblem(activity: IncomingActivity): string | null {
  if (isIgnoredActivity(activity)) return null;
  if (!(HANDLED_ACTIVITY_TYPES as readonly string[]).includes(activity.type)) return `not an activity this bot handles: type ${JSON.stringify(activity.type.slice(0, 40))}`;
  if (activity.type !== 'invoke') return null;
  if (!(HANDLED_INVOKE_NAMES as readonly string[]).includes(activity.name ?? ''))
    return `not an invoke this bot handles: name ${JSON.stringify((activity.name ?? '').slice(0, 40))}`;
  const value = cardActionValueSchema.safeParse(activity.value);
  if (value.success) return null;
  const issue = value.error.issues[0];
  return `not a card action: value.${issue.path.join('.') || ''} ${issue.message.toLowerCase()}`.replace('value. ', 'value ');
}

/** Whether `value` nests arrays or objects deeper than `max`; walks at most max levels, never recursing. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const node of level) {
      if (node === null || typeof node !== 'object') continue;
      if (depth >= max) return true;
      for (const child of Object.values(node)) if (child !== null && typeof child === 'object') next.push(child);
    }
    level = next;
  }
  return false;
}

/** A short reason when the body is not an activity the bot can answer, else null. */
export function activityProblem(body: unknown): string | null {
  if (nestedDeeperThan(body, MAX_ACTIVITY_DEPTH)) return `not a Bot Framework activity: nested deeper than ${MAX_ACTIVITY_DEPTH} levels`;
  const parsed = incomingActivitySchema.safeParse(body);
  if (parsed.success) return unhandledProblem(parsed.data);
  const issue = parsed.error.issues[0];
  return `not a Bot Framework activity: ${issue.path.join('.') || 'body'} ${issue.message.toLowerCase()}`;
}

export interface TrafficPolicy {
  /** Tenants whose users may use the bot; null = any (local mode with none configured). */
  allowedTenants: ReadonlySet<string> | null;
  serviceUrls: ServiceUrlPolicy;
}

/** The activity's tenant as Teams gives it; the two places it can appear must agree. */
function tenantOf(activity: IncomingActivity): string | null | 'conflict' {
  const fromChannelData = activity.channelData?.tenant?.id;
  const fromConversation = activity.conversation.tenantId;
  if (fromChannelData && fromConversation && fromChannelData.toLowerCase() !== fromConversation.toLowerCase()) return 'conflict';
  return (fromChannelData ?? fromConversation ?? null)?.toLowerCase() ?? null;
}

/**
 * Why this (well-formed) activity is not traffic the bot serves, else null: only Microsoft Teams,
 * only the allowed tenants, and only a service URL the bot may call back.
 */
export function trafficProblem(activity: IncomingActivity, policy: TrafficPolicy): string | null {
  if (activity.channelId !== 'msteams') return 'only Microsoft Teams activities are accepted';
  if (policy.allowedTenants) {
    const tenant = tenantOf(activity);
    if (tenant === null || tenant === 'conflict' || !policy.allowedTenants.has(tenant)) return 'this tenant may not use the bot';
  }
  return serviceUrlProblem(activity.serviceUrl, policy.serviceUrls);
}
