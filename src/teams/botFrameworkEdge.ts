// The one place the bot depends on how the Bot Framework SDK (botbuilder 4, via teams-ai 1) works
// inside, rather than on its published surface. Both SDKs are archived; when the bot moves to the
// Teams SDK, this module is what has to be rewritten, and the rest of src/teams/ calls it unchanged:
//
// 1. Authentication and the turn as two steps (BotFrameworkEdgeAdapter). The HTTP entry answers a
//    refused token itself, so it needs the SDK's token check apart from the turn. That uses two
//    *protected* members of the SDK's CloudAdapterBase: `botFrameworkAuthentication.authenticateRequest`
//    and `processActivity(authenticateRequestResult, ...)` (its public `process` does both in one
//    step and answers refusals its own way). Also tied to the SDK: it turns the activity's timestamps
//    into Date objects before a turn, and it prints two token refusals to the console, which are
//    dropped here. Teams SDK: its app validates the token in its own HTTP plugin; keep the refusal
//    policy of authentication.ts and call whatever the new SDK exposes for "validate, then run".
// 2. Aborting connector calls (abortConnectorCallsWith). botbuilder passes no request options when a
//    turn sends or updates a message, so the connector client the SDK keeps in the turn state (under
//    the adapter's ConnectorClientKey) is swapped for one whose calls carry an AbortSignal.
//    Teams SDK: pass the signal (or a timeout) to its HTTP client's send and update calls directly.
//    The calls about a team (teamCallsOf: its member list, a new one-to-one chat with a member) are
//    made with the same client and signal.
// 3. Conversation addresses (toConversationReference, conversationAddressOfActivity). The store keeps
//    plain fields (ConversationAddress, src/store/records.ts); only here are they turned into the
//    SDK's ConversationReference, and read out of an incoming activity. Teams SDK: build its own
//    conversation reference from the same fields. (Documents stored in the SDK's shape before the
//    plain fields are read by conversationAddressOf in src/services/conversations.ts.)
import { TeamsAdapter } from '@microsoft/teams-ai';
import type {
  Activity,
  ConfigurationBotFrameworkAuthenticationOptions,
  ConversationAccount,
  ConversationParameters,
  ConversationReference,
  InvokeResponse,
  TeamsChannelAccount,
  TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult, ConnectorClient, ServiceClientCredentialsFactory } from 'botframework-connector';
import type { ConversationAddress } from '../store/records';
import type { IncomingActivity } from './incomingActivity';

// --- 1. Authentication and the turn -------------------------------------------------------------

/**
 * The SDK writes to the console on two refusals: the JWT library's error for an expired token, and
 * for any other failed verification the published signing keys themselves. Those two messages are
 * dropped (the caller logs each refusal once); everything else reaches the console as before.
 */
const CONSOLE_FILTERED = Symbol.for('placement-stability-bot.authConsoleFilter');
function dropTokenRefusalsFromConsole(): void {
  const target = console as Console & { [CONSOLE_FILTERED]?: true };
  if (target[CONSOLE_FILTERED]) return;
  const original = target.error.bind(target);
  target.error = (...args: unknown[]) => {
    const [first] = args;
    if (typeof first === 'string' && first.startsWith('Error finding key for token')) return;
    if (first instanceof Error && first.name === 'TokenExpiredError') return;
    original(...args);
  };
  target[CONSOLE_FILTERED] = true;
}

/** The Teams adapter with the SDK's token check and the turn as two separate steps. */
export class BotFrameworkEdgeAdapter extends TeamsAdapter {
  constructor(settings: ConfigurationBotFrameworkAuthenticationOptions, credentials: ServiceClientCredentialsFactory) {
    super(settings, credentials);
    dropTokenRefusalsFromConsole();
  }

  /** The SDK's own check of the Authorization header; throws when it refuses the token. */
  protected checkToken(activity: IncomingActivity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity as unknown as Activity, authHeader);
  }

  /** Runs the turn for an authenticated activity; resolves with the invoke response, if any. */
  runTurn(authentication: AuthenticateRequestResult, activity: IncomingActivity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authentication, withDates(activity), logic);
  }
}

/** The SDK's own request handler turns these timestamps into dates before a turn; so does this. */
function withDates(activity: IncomingActivity): Activity {
  const fixed: Record<string, unknown> = { ...activity };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = fixed[field];
    if (typeof value === 'string') Object.assign(fixed, { [raw]: value, [field]: new Date(value) });
  }
  return fixed as unknown as Activity;
}

// --- 2. Aborting connector calls ----------------------------------------------------------------

/**
 * botbuilder passes no request options when a turn sends or updates a message, so the turn's
 * connector client is replaced by one whose sends and updates carry `signal`. Aborting it closes
 * the HTTP request (and ends the SDK's own retries) rather than leaving the socket waiting.
 */
export function abortConnectorCallsWith(turn: TurnContext, connectorClientKey: symbol, signal: AbortSignal): void {
  const connector = turn.turnState.get<ConnectorClient>(connectorClientKey);
  const { conversations } = connector;
  const options = { abortSignal: signal };
  const abortable: Partial<ConnectorClient['conversations']> = {
    sendToConversation: (conversationId: string, activity: Partial<Activity>) => conversations.sendToConversation(conversationId, activity, options),
    replyToActivity: (conversationId: string, activityId: string, activity: Partial<Activity>) => conversations.replyToActivity(conversationId, activityId, activity, options),
    updateActivity: (conversationId: string, activityId: string, activity: Partial<Activity>) => conversations.updateActivity(conversationId, activityId, activity, options),
  };
  // Everything else is the turn's own client, reached through the prototype.
  const client: ConnectorClient = Object.assign(Object.create(connector), { conversations: Object.assign(Object.create(conversations), abortable) });
  turn.turnState.set(connectorClientKey, client);
}

/** One page of a team's members, and the token for the next page (none after the last). */
export interface MembersPage {
  members: Array<{ teamsUserId: string; aadObjectId: string | null; email: string | null; userRole: string | null; tenantId: string | null }>;
  continuationToken: string | null;
}

/**
 * The connector calls about a team, made with the turn's own connector client (the one the SDK
 * authenticated for the turn's service URL), each carrying `signal`: a page of the team's member
 * list (the connector's paged conversation members API, with the team's id), and a new one-to-one
 * chat with one of its members (POST /v3/conversations, with the member and the tenant), which
 * answers the chat's conversation id. Teams SDK: its conversations and members clients.
 */
export function teamCallsOf(turn: TurnContext, connectorClientKey: symbol, signal: AbortSignal) {
  const { conversations } = turn.turnState.get<ConnectorClient>(connectorClientKey);
  return {
    async membersPage(teamId: string, continuationToken: string | null): Promise<MembersPage> {
      const options: { pageSize: number; continuationToken?: string; abortSignal: AbortSignal } = { pageSize: 500, abortSignal: signal };
      if (continuationToken) options.continuationToken = continuationToken;
      const page = await conversations.getConversationPagedMembers(teamId, options as Parameters<typeof conversations.getConversationPagedMembers>[1]);
      const members = ((page.members ?? []) as TeamsChannelAccount[]).map((m) => ({
        teamsUserId: m.id,
        aadObjectId: m.aadObjectId ?? null,
        email: m.email ?? m.userPrincipalName ?? null,
        userRole: m.userRole ?? null,
        tenantId: m.tenantId ?? null,
      }));
      return { members, continuationToken: page.continuationToken || null };
    },
    async createPersonalChat(team: ConversationAddress, teamsUserId: string): Promise<string> {
      const created = await conversations.createConversation(personalChatParameters(team, teamsUserId), { abortSignal: signal });
      if (!created.id) throw new Error('Teams created the chat without saying its id');
      return created.id;
    },
  };
}

/** What Teams needs to start a one-to-one chat with a member of a team the bot is in: the bot, the member and the tenant. */
export function personalChatParameters(team: ConversationAddress, teamsUserId: string): ConversationParameters {
  return {
    isGroup: false,
    bot: { id: team.botId, name: '' },
    members: [{ id: teamsUserId, name: '' }],
    ...(team.tenantId ? { tenantId: team.tenantId } : {}),
    channelData: team.tenantId ? { tenant: { id: team.tenantId } } : {},
  };
}

// --- 3. Conversation addresses ------------------------------------------------------------------

/** The SDK's reference for a proactive message into a stored conversation. */
export function toConversationReference(address: ConversationAddress): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: address.serviceUrl,
    bot: { id: address.botId, name: '' },
    // The SDK's type asks for a conversation type, which Teams leaves out of some personal chats.
    conversation: {
      id: address.conversationId,
      name: '',
      isGroup: address.conversationType !== null && address.conversationType !== 'personal',
      ...(address.conversationType ? { conversationType: address.conversationType } : {}),
      ...(address.tenantId ? { tenantId: address.tenantId } : {}),
    } as ConversationAccount,
  };
}

/** The Teams team of a channel activity (its id is the team's General channel's), else null. */
export function teamIdOfActivity(activity: Activity): string | null {
  const team = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team;
  return typeof team?.id === 'string' && team.id ? team.id : null;
}

/** Where the activity came from, as plain fields; `conversationId` replaces the activity's own (a channel's id, without a thread). */
export function conversationAddressOfActivity(activity: Activity, conversationId: string): ConversationAddress {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenantId = activity.conversation?.tenantId ?? (typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : null);
  const conversationType = activity.conversation?.conversationType ?? null;
  return {
    conversationId,
    serviceUrl: activity.serviceUrl,
    tenantId: tenantId || null,
    botId: activity.recipient?.id ?? '',
    conversationType,
    userAadId: conversationType === 'personal' || conversationType === null ? (activity.from?.aadObjectId ?? null) : null,
  };
}
