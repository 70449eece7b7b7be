// Microsoft Graph, for one thing only: a calendar event with a Teams meeting in the organiser
// mailbox (POST /users/{organizer}/events). App-only token by client credentials. Errors carry the
// HTTP status and Retry-After the way the outbox sender reads them, so a throttled call is retried
// by the outbox no sooner than Graph asked.

export interface GraphSettings {
  organizer: string;
  clientId: string;
  clientSecret: string;
  tenantId: string;
  baseUrl: string;
  /** Defaults to the Microsoft Entra token endpoint of the tenant. */
  tokenUrl?: string;
  timeoutMs?: number;
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

export function createGraphCalendar(settings: GraphSettings, fetchImpl: typeof fetch = fetch): GraphCalendar {
  const tokenUrl = settings.tokenUrl ?? `https://login.microsoftonline.com/${encodeURIComponent(settings.tenantId)}/oauth2/v2.0/token`;
  const timeoutMs = settings.timeoutMs ?? 15_000;
  let cached: { token: string; until: number } | null = null;

  async function call(url: string, init: RequestInit, what: string): Promise<Response> {
    let res: Response;
    try {
      res = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new GraphError(`${what}: ${err instanceof Error ? err.message : String(err)}`, undefined);
    }
    if (res.ok) return res;
    const detail = await res.text().catch(() => '');
    const code = /"code"\s*:\s*"([^"]+)"/.exec(detail)?.[1] ?? /"error"\s*:\s*"([^"]+)"/.exec(detail)?.[1];
    throw new GraphError(`${what} answered ${res.status}${code ? ` (${code})` : ''}`, res.status, res.headers.get('retry-after'));
  }

  async function token(): Promise<string> {
    if (cached && cached.until > Date.now()) return cached.token;
    const body = new URLSearchParams({ client_id: settings.clientId, client_secret: settings.clientSecret, scope: SCOPE, grant_type: 'client_credentials' });
    const res = await call(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, 'the Microsoft Entra token endpoint');
    const json = (await res.json()) as { access_token?: string; expires_in?: number };
    if (!json.access_token) throw new GraphError('the token endpoint gave no access token', 500);
    // Renew a minute early, so a token never runs out mid-call.
    cached = { token: json.access_token, until: Date.now() + Math.max(0, (json.expires_in ?? 3600) - 60) * 1000 };
    return cached.token;
  }

  return {
    organizer: settings.organizer,
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
      const url = `${settings.baseUrl.replace(/\/+$/, '')}/users/${encodeURIComponent(settings.organizer)}/events`;
      let res: Response;
      try {
        res = await call(url, { method: 'POST', headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' }, body: JSON.stringify(event) }, 'Microsoft Graph');
      } catch (err) {
        // A refused token is renewed on the next attempt.
        if (err instanceof GraphError && err.statusCode === 401) cached = null;
        throw err;
      }
      const created = (await res.json()) as { id?: string; webLink?: string; onlineMeeting?: { joinUrl?: string } | null };
      if (!created.id) throw new GraphError('Microsoft Graph created no event id', 500);
      return { id: created.id, joinUrl: created.onlineMeeting?.joinUrl ?? null, webLink: created.webLink ?? null };
    },
  };
}
