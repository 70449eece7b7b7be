// Microsoft Graph: a calendar event with a Teams meeting in the organiser mailbox (POST
// /users/{organizer}/events), moved (PATCH) or cancelled (POST .../cancel); and the bot's app added
// for a person (POST /users/{id}/teamwork/installedApps), with the chat of an installation already there. The app-only token comes from @azure/identity (client
// secret, certificate or managed identity, as GRAPH_CREDENTIAL says), which caches and renews it.
// Errors carry the HTTP status and Retry-After the way the outbox sender reads them, so a throttled
// call is retried by the outbox no sooner than Graph asked.
// @azure/identity is loaded only when Graph is configured: it is large, and most councils start
// without Graph (the types below are erased at build).
import type { TokenCredential, TokenCredentialOptions } from '@azure/identity';

/** How the bot proves itself to Microsoft Entra for Graph (GRAPH_CREDENTIAL). */
export type GraphCredentialSettings =
  | { kind: 'client-secret'; tenantId: string; clientId: string; clientSecret: string }
  | { kind: 'certificate'; tenantId: string; clientId: string; certificatePath: string }
  /** System-assigned without a client id; a user-assigned identity by its client id. */
  | { kind: 'managed-identity'; clientId?: string };

/** A credential for the settings. `options` carries the authority host (sovereign clouds) and, in tests, the HTTP client. */
export function graphCredential(settings: GraphCredentialSettings, options: TokenCredentialOptions = {}): TokenCredential {
  const { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } = require('@azure/identity') as typeof import('@azure/identity');
  switch (settings.kind) {
    case 'client-secret':
      return new ClientSecretCredential(settings.tenantId, settings.clientId, settings.clientSecret, options);
    case 'certificate':
      return new ClientCertificateCredential(settings.tenantId, settings.clientId, { certificatePath: settings.certificatePath }, options);
    case 'managed-identity':
      return settings.clientId ? new ManagedIdentityCredential(settings.clientId, options) : new ManagedIdentityCredential(options);
  }
}

export interface GraphSettings extends GraphConnection {
  organizer: string;
}

export interface OnlineMeetingRequest {
  subject: string;
  bodyHtml: string;
  start: Date;
  end: Date;
  attendees: Array<{ email: string; name: string | null; required: boolean }>;
  /** Graph drops a second POST with the same transactionId, so a retry after a lost answer creates nothing twice. */
  transactionId: string;
}

export interface CreatedEvent {
  id: string;
  joinUrl: string | null;
  webLink: string | null;
}

export interface GraphCalendar {
  readonly organizer: string;
  createOnlineMeeting(request: OnlineMeetingRequest): Promise<CreatedEvent>;
  /** Moves the event (PATCH: sending the same change twice leaves it as once); Outlook tells the attendees. */
  updateEventTime(eventId: string, change: { start: Date; end: Date }): Promise<void>;
  /** Cancels the event (POST .../cancel): Outlook sends the attendees the cancellation. An event already gone counts as cancelled, so a retry after a lost answer is harmless. */
  cancelEvent(eventId: string, comment: string): Promise<void>;
}

/** A failed Graph or token call. `statusCode` is undefined for network failures (always worth retrying). */
export class GraphError extends Error {
  readonly response: { status: number | undefined; headers: Record<string, string> };
  constructor(
    message: string,
    readonly statusCode: number | undefined,
    retryAfter: string | null = null,
  ) {
    super(message);
    this.name = 'GraphError';
    this.response = { status: statusCode, headers: retryAfter ? { 'retry-after': retryAfter } : {} };
  }

  /** 408, 429, 5xx and network failures pass; anything else (bad request, no permission) will not. */
  get transient(): boolean {
    const s = this.statusCode;
    return s === undefined || s === 408 || s === 429 || s >= 500;
  }
}

const SCOPE = 'https://graph.microsoft.com/.default';

/** Graph's date-time without an offset, in the time zone named beside it. */
const utcDateTime = (at: Date) => ({ dateTime: at.toISOString().slice(0, 19), timeZone: 'UTC' });

/** The connection to Graph that every client here shares: the app-only token, the timeout, and errors as GraphError. */
export interface GraphConnection {
  baseUrl: string;
  /** Makes a credential; called again after Graph refuses a token, so the next call gets a fresh one. */
  credential: () => TokenCredential;
  timeoutMs?: number;
}

/** A Graph call with the bot's token; a refused token (401) is renewed on the next call. */
function graphRequester(connection: GraphConnection, fetchImpl: typeof fetch): (url: string, init: RequestInit) => Promise<Response> {
  const timeoutMs = connection.timeoutMs ?? 15_000;
  // Made on the first token request, so a bot that never calls Graph never loads @azure/identity.
  let credential: TokenCredential | null = null;

  async function call(url: string, init: RequestInit, what: string): Promise<Response> {
    let res: Response;
    try {
      res = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new GraphError(`${what}: ${err instanceof Error ? err.message : String(err)}`, undefined);
    }
    if (res.ok) return res;
    const detail = await res.text().catch(() => '');
    const code = /"code"\s*:\s*"([^"]+)"/.exec(detail)?.[1];
    throw new GraphError(`${what} answered ${res.status}${code ? ` (${code})` : ''}`, res.status, res.headers.get('retry-after'));
  }

  async function token(): Promise<string> {
    try {
      credential ??= connection.credential();
      const accessToken = await credential.getToken(SCOPE, { abortSignal: AbortSignal.timeout(timeoutMs) });
      if (!accessToken) throw new GraphError('Microsoft Entra gave no access token', 500);
      return accessToken.token;
    } catch (err) {
      throw tokenError(err);
    }
  }

  return async function authorised(url: string, init: RequestInit): Promise<Response> {
    try {
      return await call(
        url,
        { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${await token()}`, 'content-type': 'application/json' } },
        'Microsoft Graph',
      );
    } catch (err) {
      // A refused token is renewed on the next attempt: a new credential has an empty cache.
      if (err instanceof GraphError && err.statusCode === 401) credential = null;
      throw err;
    }
  };
}

export function createGraphCalendar(settings: GraphSettings, fetchImpl: typeof fetch = fetch): GraphCalendar {
  const authorised = graphRequester(settings, fetchImpl);
  const eventsUrl = () => `${settings.baseUrl.replace(/\/+$/, '')}/users/${encodeURIComponent(settings.organizer)}/events`;

  return {
    organizer: settings.organizer,
    async updateEventTime(eventId, change) {
      await authorised(`${eventsUrl()}/${encodeURIComponent(eventId)}`, {
        method: 'PATCH',
        body: JSON.stringify({ start: utcDateTime(change.start), end: utcDateTime(change.end) }),
      });
    },
    async cancelEvent(eventId, comment) {
      try {
        await authorised(`${eventsUrl()}/${encodeURIComponent(eventId)}/cancel`, { method: 'POST', body: JSON.stringify({ comment }) });
      } catch (err) {
        // Already cancelled (and so gone from the calendar) by an earlier attempt whose answer was lost.
        if (err instanceof GraphError && err.statusCode === 404) return;
        throw err;
      }
    },
    async createOnlineMeeting(request) {
      const event = {
        subject: request.subject,
        body: { contentType: 'HTML', content: request.bodyHtml },
        start: utcDateTime(request.start),
        end: utcDateTime(request.end),
        attendees: request.attendees.map((a) => ({ emailAddress: { address: a.email, ...(a.name ? { name: a.name } : {}) }, type: a.required ? 'required' : 'optional' })),
        isOnlineMeeting: true,
        onlineMeetingProvider: 'teamsForBusiness',
        allowNewTimeProposals: true,
        transactionId: request.transactionId,
      };
      const res = await authorised(eventsUrl(), { method: 'POST', body: JSON.stringify(event) });
      const created = (await res.json()) as { id?: string; webLink?: string; onlineMeeting?: { joinUrl?: string } | null };
      if (!created.id) throw new GraphError('Microsoft Graph created no event id', 500);
      return { id: created.id, joinUrl: created.onlineMeeting?.joinUrl ?? null, webLink: created.webLink ?? null };
    },
  };
}

/**
 * Adds the bot's Teams app for a person (POST /users/{id}/teamwork/installedApps), so that the bot
 * can write to someone who never opened it and is in no team with it. Teams then tells the bot of
 * the new chat (conversationUpdate), as when a person opens the bot themselves. Graph permission:
 * TeamsAppInstallation.ReadWriteSelfForUser.All (the app may add only itself).
 */
export interface GraphAppInstaller {
  /** 'installed', or 'already' when the app was there (409): asking twice is harmless. */
  installFor(user: string): Promise<'installed' | 'already'>;
  /**
   * The id of the one-to-one chat between the bot and a user the app is already installed for
   * (Microsoft's documented way after a 409: find the installation, then read its chat); null when
   * the app is not installed for them after all. Needs TeamsAppInstallation.ReadWriteSelfForUser.All, as installing does.
   */
  chatOfInstallation(user: string): Promise<string | null>;
}

export interface GraphAppInstallSettings extends GraphConnection {
  /** The app's id in the organisation's app catalog (not the manifest id; see the README). */
  catalogAppId: string;
}

export function createGraphAppInstaller(settings: GraphAppInstallSettings, fetchImpl: typeof fetch = fetch): GraphAppInstaller {
  const authorised = graphRequester(settings, fetchImpl);
  const base = settings.baseUrl.replace(/\/+$/, '');
  return {
    async installFor(user) {
      try {
        await authorised(`${base}/users/${encodeURIComponent(user)}/teamwork/installedApps`, {
          method: 'POST',
          body: JSON.stringify({ 'teamsApp@odata.bind': `${base}/appCatalogs/teamsApps/${encodeURIComponent(settings.catalogAppId)}` }),
        });
        return 'installed';
      } catch (err) {
        if (err instanceof GraphError && err.statusCode === 409) return 'already';
        throw err;
      }
    },
    async chatOfInstallation(user) {
      const installedApps = `${base}/users/${encodeURIComponent(user)}/teamwork/installedApps`;
      const filter = encodeURIComponent(`teamsApp/id eq '${settings.catalogAppId}'`);
      const found = (await (await authorised(`${installedApps}?$expand=teamsApp&$filter=${filter}`, { method: 'GET' })).json()) as { value?: Array<{ id?: unknown }> };
      const installation = found.value?.find((i) => typeof i.id === 'string')?.id as string | undefined;
      if (!installation) return null;
      const chat = (await (await authorised(`${installedApps}/${encodeURIComponent(installation)}/chat`, { method: 'GET' })).json()) as { id?: unknown };
      if (typeof chat.id !== 'string' || chat.id === '') throw new GraphError('Microsoft Graph gave no chat id for the installation', 500);
      return chat.id;
    },
  };
}

/**
 * A failed token request as a GraphError. Entra's answer (a bad secret, an unknown client) keeps its
 * status and error code, so a 4xx is lasting; no answer at all (network down, a managed identity
 * endpoint not there yet) has no status and is retried.
 */
function tokenError(err: unknown): GraphError {
  if (err instanceof GraphError) return err;
  // @azure/identity's AuthenticationError carries Entra's answer; otherwise MSAL's ServerError is its `cause`.
  // Read by shape, so this module need not load @azure/identity to recognise them.
  const e = (err ?? {}) as { name?: string; message?: string; statusCode?: unknown; errorResponse?: { error?: unknown }; cause?: { status?: unknown; errorCode?: unknown } };
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.cause?.status === 'number' ? e.cause.status : undefined;
  const code = typeof e.errorResponse?.error === 'string' ? e.errorResponse.error : typeof e.cause?.errorCode === 'string' ? e.cause.errorCode : undefined;
  if (status !== undefined && status >= 400) return new GraphError(`the Microsoft Entra token endpoint answered ${status}${code ? ` (${code})` : ''}`, status);
  const unavailable = e.name === 'CredentialUnavailableError' ? 'no credential available: ' : '';
  return new GraphError(`the Microsoft Entra token endpoint: ${unavailable}${typeof e.message === 'string' ? e.message.split('\n')[0] : String(err)}`, undefined);
}
