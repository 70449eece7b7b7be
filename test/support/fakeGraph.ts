// A stand-in for Microsoft Graph and the Microsoft Entra token endpoint, on 127.0.0.1. It checks
// each request as they would (method, path, form or JSON body, bearer token) and answers as they
// do; `eventAnswers` lets a test throttle or fail the next event POSTs.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

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

export async function startFakeGraph() {
  const received: GraphRequest[] = [];
  const eventAnswers: GraphAnswer[] = [];
  let tokens = 0;
  let events = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, at: Date.now() });
      const send = (status: number, json: object, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      };
      if (req.method === 'POST' && req.url === `/${FAKE_TENANT}/oauth2/v2.0/token`) {
        const form = new URLSearchParams(body);
        const ok =
          req.headers['content-type'] === 'application/x-www-form-urlencoded' &&
          form.get('grant_type') === 'client_credentials' &&
          form.get('client_id') === FAKE_CLIENT.id &&
          form.get('client_secret') === FAKE_CLIENT.secret &&
          form.get('scope') === 'https://graph.microsoft.com/.default';
        return ok ? send(200, { token_type: 'Bearer', expires_in: 3599, access_token: `token-${++tokens}` }) : send(401, { error: 'invalid_client' });
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
        return send(201, { id, webLink: `https://outlook.office365.com/owa/?itemid=${events}`, subject: event.subject, isOnlineMeeting: true, onlineMeeting: { joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${events}` } });
      }
      send(404, { error: { code: 'NotFound' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    received,
    eventAnswers,
    tokensIssued: () => tokens,
    eventPosts: () => received.filter((r) => r.path.endsWith('/events')),
    /** Settings that point the bot at this fake. */
    env: () => ({
      GRAPH_ORGANIZER: ORGANIZER,
      GRAPH_CLIENT_ID: FAKE_CLIENT.id,
      GRAPH_CLIENT_SECRET: FAKE_CLIENT.secret,
      GRAPH_TENANT_ID: FAKE_TENANT,
      GRAPH_BASE_URL: `${base}/v1.0`,
      GRAPH_TOKEN_URL: `${base}/${FAKE_TENANT}/oauth2/v2.0/token`,
    }),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
export type FakeGraph = Awaited<ReturnType<typeof startFakeGraph>>;
