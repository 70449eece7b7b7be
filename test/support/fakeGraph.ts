// A stand-in for Microsoft Graph and the two token services the bot may use, on 127.0.0.1: a
// Microsoft Entra authority (OpenID metadata and the client-credentials token endpoint) and an App
// Service managed identity endpoint (what IDENTITY_ENDPOINT / IDENTITY_HEADER point at); in Graph,
// calendar events, and the app's installations for users with their chats. It checks each request
// as they would (method, path, form or JSON body, headers) and answers as they do; `eventAnswers`
// and `installAnswers` let a test throttle or fail the next event POSTs or installations.
import { createPublicKey, constants as cryptoConstants, verify, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';

export type GraphAnswer = { status: number; body?: object; headers?: Record<string, string> } | 'hang-up';

export interface GraphRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export const FAKE_TENANT = '11111111-2222-3333-4444-555555555555';
export const FAKE_CLIENT = { id: '66666666-7777-8888-9999-000000000000', secret: 'secret-1' };
export const ORGANIZER = 'meetings@example.org';
/** The https authority host MSAL is given; requests to it are carried to the stand-in (see `httpClient`). */
export const FAKE_AUTHORITY_HOST = 'https://login.authority.test';
const IDENTITY_HEADER = 'identity-header-secret';
/** A user-assigned identity the stand-in host does not have. */
export const NOT_ASSIGNED = '99999999-8888-7777-6666-555555555555';

export async function startFakeGraph() {
  const received: GraphRequest[] = [];
  const eventAnswers: GraphAnswer[] = [];
  /** Answers for the next app installations (POST /users/{id}/teamwork/installedApps), then 201. */
  const installAnswers: GraphAnswer[] = [];
  /** The users the app was installed for, by the id or user principal name the call named. */
  const installedFor: string[] = [];
  /** Users the app was installed for before the test (user -> the id of their chat with the bot): installing again answers 409. */
  const installedBefore = new Map<string, string>();
  /** The app's installation for a user and its chat, as Graph lists them; null when it is not installed for them. */
  const installationOf = (user: string): { id: string; chatId: string } | null => {
    if (installedBefore.has(user)) return { id: `installation-${Buffer.from(user).toString('base64url')}`, chatId: installedBefore.get(user)! };
    if (installedFor.includes(user)) return { id: `installation-${Buffer.from(user).toString('base64url')}`, chatId: `a:installed-${Buffer.from(user).toString('base64url')}` };
    return null;
  };
  /** Called after an installation is answered, as Teams then tells the bot of the new chat. */
  let onInstall: (user: string) => void = () => undefined;
  let tokens = 0;
  let trustedCertificate: KeyObject | null = null;
  const assertionHeaders: object[] = [];
  const managedIdentityClientIds: Array<string | null> = [];
  let base = '';
  let events = 0;
  /** A certificate credential's signed JWT: signed by the trusted certificate's key, for this client, to the token endpoint. */
  const validAssertion = (form: URLSearchParams): boolean => {
    const assertion = form.get('client_assertion');
    if (!trustedCertificate || !assertion || form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return false;
    const [header, payload, signature] = assertion.split('.');
    if (!header || !payload || !signature) return false;
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: string; sub?: string; aud?: string; exp?: number };
    assertionHeaders.push(head);
    const key = head.alg === 'PS256' ? { key: trustedCertificate, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : trustedCertificate;
    const signed = verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'));
    return (
      signed &&
      claims.iss === FAKE_CLIENT.id &&
      claims.sub === FAKE_CLIENT.id &&
      String(claims.aud).endsWith(`/${FAKE_TENANT}/oauth2/v2.0/token`) &&
      (claims.exp ?? 0) * 1000 > Date.now()
    );
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, at: Date.now() });
      const send = (status: number, json: object, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      };
      const url = new URL(req.url ?? '/', 'http://stand-in');
      if (req.method === 'GET' && url.pathname === `/${FAKE_TENANT}/v2.0/.well-known/openid-configuration`) {
        const issuer = `${FAKE_AUTHORITY_HOST}/${FAKE_TENANT}`;
        return send(200, {
          issuer: `${issuer}/v2.0`,
          authorization_endpoint: `${issuer}/oauth2/v2.0/authorize`,
          token_endpoint: `${issuer}/oauth2/v2.0/token`,
          end_session_endpoint: `${issuer}/oauth2/v2.0/logout`,
          jwks_uri: `${issuer}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'token'],
        });
      }
      if (req.method === 'POST' && url.pathname === `/${FAKE_TENANT}/oauth2/v2.0/token`) {
        const form = new URLSearchParams(body);
        const ok =
          String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded') &&
          form.get('grant_type') === 'client_credentials' &&
          form.get('client_id') === FAKE_CLIENT.id &&
          (form.get('client_secret') === FAKE_CLIENT.secret || validAssertion(form)) &&
          (form.get('scope') ?? '').split(' ').includes('https://graph.microsoft.com/.default');
        return ok
          ? send(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: `token-${++tokens}` })
          : send(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] });
      }
      // App Service managed identity (api-version 2019-08-01): GET with the X-IDENTITY-HEADER secret.
      if (req.method === 'GET' && url.pathname === '/msi/token') {
        if (req.headers['x-identity-header'] !== IDENTITY_HEADER) return send(401, { error: 'unauthorized' });
        if (url.searchParams.get('api-version') !== '2019-08-01' || url.searchParams.get('resource') !== 'https://graph.microsoft.com')
          return send(400, { error: 'invalid_request' });
        if (url.searchParams.get('client_id') === NOT_ASSIGNED)
          return send(400, { statusCode: 400, message: 'No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId.' });
        managedIdentityClientIds.push(url.searchParams.get('client_id'));
        return send(200, {
          access_token: `token-${++tokens}`,
          expires_on: String(Math.floor(Date.now() / 1000) + 3600),
          resource: 'https://graph.microsoft.com',
          token_type: 'Bearer',
        });
      }
      if (req.method === 'POST' && req.url === `/v1.0/users/${encodeURIComponent(ORGANIZER)}/events`) {
        if (!/^Bearer token-\d+$/.test(req.headers.authorization ?? '')) return send(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
        let event: { subject?: unknown; start?: unknown; end?: unknown; attendees?: unknown; isOnlineMeeting?: unknown };
        try {
          event = JSON.parse(body);
        } catch {
          return send(400, { error: { code: 'BadRequest', message: 'Unable to read JSON request payload.' } });
        }
        if (typeof event.subject !== 'string' || !event.start || !event.end || !Array.isArray(event.attendees)) return send(400, { error: { code: 'ErrorInvalidRequest' } });
        const answer = eventAnswers.shift();
        if (answer === 'hang-up') return req.socket.destroy();
        if (answer) return send(answer.status, answer.body ?? { error: { code: 'Throttled', message: 'Too many requests' } }, answer.headers);
        const id = `AAMkAGI2TG93AAA${++events}=`;
        return send(201, {
          id,
          webLink: `https://outlook.office365.com/owa/?itemid=${events}`,
          subject: event.subject,
          isOnlineMeeting: true,
          onlineMeeting: { joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${events}` },
        });
      }
      // The app's installation for a user (GET installedApps?$expand=teamsApp&$filter=teamsApp/id eq '<catalog id>'), and its chat.
      const installations = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(url.pathname);
      const installationChat = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps\/([^/]+)\/chat$/.exec(url.pathname);
      if (req.method === 'GET' && (installations || installationChat)) {
        if (!/^Bearer token-\d+$/.test(req.headers.authorization ?? '')) return send(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
        const user = decodeURIComponent((installations ?? installationChat)![1]!);
        const installation = installationOf(user);
        if (installationChat) {
          return installation && installation.id === decodeURIComponent(installationChat[2]!)
            ? send(200, { id: installation.chatId, chatType: 'oneOnOne' })
            : send(404, { error: { code: 'NotFound', message: 'The installation does not exist' } });
        }
        const appId = /^teamsApp\/id eq '([0-9a-f-]{36})'$/.exec(url.searchParams.get('$filter') ?? '')?.[1];
        if (url.searchParams.get('$expand') !== 'teamsApp' || !appId)
          return send(400, { error: { code: 'BadRequest', message: 'expected $expand=teamsApp and a $filter on teamsApp/id' } });
        return send(200, { value: installation ? [{ id: installation.id, teamsApp: { id: appId, externalId: 'psb-manifest-id' } }] : [] });
      }
      const install = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(req.url ?? '');
      if (req.method === 'POST' && install) {
        if (!/^Bearer token-\d+$/.test(req.headers.authorization ?? '')) return send(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
        let bind: unknown;
        try {
          bind = (JSON.parse(body) as Record<string, unknown>)['teamsApp@odata.bind'];
        } catch {
          return send(400, { error: { code: 'BadRequest', message: 'Unable to read JSON request payload.' } });
        }
        if (typeof bind !== 'string' || !new RegExp(`^${base.replace(/[.]/g, '\\.')}/v1\\.0/appCatalogs/teamsApps/[0-9a-f-]{36}$`).test(bind))
          return send(400, { error: { code: 'BadRequest', message: 'teamsApp@odata.bind must name an app in the catalog' } });
        const answer = installAnswers.shift();
        if (answer === 'hang-up') return req.socket.destroy();
        if (answer) return send(answer.status, answer.body ?? { error: { code: 'Forbidden' } }, answer.headers);
        const user = decodeURIComponent(install[1]!);
        if (installedFor.includes(user) || installedBefore.has(user)) return send(409, { error: { code: 'Conflict', message: 'App is already installed for this user' } });
        installedFor.push(user);
        send(201, {});
        setImmediate(() => onInstall(user));
        return;
      }
      send(404, { error: { code: 'NotFound' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    received,
    eventAnswers,
    installAnswers,
    installedFor,
    installedBefore,
    /** What Teams does after the app is installed for someone (a test makes it tell the bot). */
    whenInstalled: (then: (user: string) => void) => {
      onInstall = then;
    },
    tokensIssued: () => tokens,
    eventPosts: () => received.filter((r) => r.path.endsWith('/events')),
    /** Accepts client assertions signed with this certificate's key (a certificate credential). */
    trustCertificate: (certificatePem: string) => {
      trustedCertificate = createPublicKey(certificatePem);
    },
    /** The JWT headers of the client assertions received. */
    assertionHeaders,
    /** The client ids (null: system-assigned) the managed identity endpoint was asked for. */
    managedIdentityClientIds,
    /** Carries requests for FAKE_AUTHORITY_HOST to the stand-in (MSAL insists on an https authority). */
    httpClient: ((): HttpClient => {
      const inner = createDefaultHttpClient();
      return {
        sendRequest: (request) => {
          if (request.url.startsWith(FAKE_AUTHORITY_HOST)) {
            request.url = base + request.url.slice(FAKE_AUTHORITY_HOST.length);
            request.allowInsecureConnection = true; // plain HTTP, to loopback only
          }
          return inner.sendRequest(request);
        },
      };
    })(),
    /**
     * Makes this process look like an App Service with a managed identity whose endpoint is this
     * stand-in (the variables @azure/identity reads); returns the function that undoes it.
     */
    actAsManagedIdentityEndpoint: () => {
      const saved = { IDENTITY_ENDPOINT: process.env.IDENTITY_ENDPOINT, IDENTITY_HEADER: process.env.IDENTITY_HEADER };
      process.env.IDENTITY_ENDPOINT = `${base}/msi/token`;
      process.env.IDENTITY_HEADER = IDENTITY_HEADER;
      return () => {
        for (const [name, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      };
    },
    /** Settings that point the bot at this fake, with the managed identity (see actAsManagedIdentityEndpoint). */
    env: () => ({
      GRAPH_ORGANIZER: ORGANIZER,
      GRAPH_CREDENTIAL: 'managed-identity',
      GRAPH_BASE_URL: `${base}/v1.0`,
    }),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
export type FakeGraph = Awaited<ReturnType<typeof startFakeGraph>>;
