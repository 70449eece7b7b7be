// The Microsoft Graph client against a local endpoint that checks each request as Graph and the
// token services would (method, path, body, headers) and answers as they do, throttling included.
// Tokens come through @azure/identity: a client secret against a local Microsoft Entra authority,
// and a managed identity against a local App Service identity endpoint.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import {
  createGraphAppInstaller,
  createGraphCalendar,
  graphCredential,
  GraphError,
  type GraphAppInstaller,
  type GraphCalendar,
  type OnlineMeetingRequest,
} from '../../src/services/graph';
import { calendarSettings, graphCredentialSettings } from '../../src/services/invitations';
import { FAKE_AUTHORITY_HOST, FAKE_CLIENT, NOT_ASSIGNED, FAKE_TENANT, ORGANIZER, startFakeGraph, type FakeGraph } from '../support/fakeGraph';

const request: OnlineMeetingRequest = {
  subject: 'Placement Stability Meeting MT-2026-0001 (case CR-1001)',
  bodyHtml: '<p>Chair: Fiona Foster</p>',
  start: new Date('2026-11-26T10:00:00Z'),
  end: new Date('2026-11-26T11:00:00Z'),
  attendees: [
    { email: 'fiona.foster@example.org', name: 'Fiona Foster', required: true },
    { email: 'alex.carer@example.org', name: null, required: false },
  ],
  transactionId: 'MT-2026-0001',
};

/** The app registration's client secret, checked by the stand-in Microsoft Entra authority. */
const secretCredential = (fake: FakeGraph, clientSecret: string) =>
  graphCredential({ kind: 'client-secret', tenantId: FAKE_TENANT, clientId: FAKE_CLIENT.id, clientSecret }, {
    authorityHost: FAKE_AUTHORITY_HOST,
    disableInstanceDiscovery: true,
    httpClient: fake.httpClient,
  } as never);

describe('Microsoft Graph calendar client', () => {
  let fake: FakeGraph;
  let graph: GraphCalendar;

  beforeEach(async () => {
    fake = await startFakeGraph();
    graph = secretCalendar(FAKE_CLIENT.secret);
  });
  const secretCalendar = (clientSecret: string) =>
    createGraphCalendar({ organizer: ORGANIZER, baseUrl: `${fake.base}/v1.0`, credential: () => secretCredential(fake, clientSecret), timeoutMs: 2000 });
  afterEach(async () => {
    await fake.stop();
  });

  test("gets an app-only token with the client secret from the authority, then POSTs the event with a Teams meeting to the organiser's calendar", async () => {
    const created = await graph.createOnlineMeeting(request);
    expect(created).toEqual({
      id: 'AAMkAGI2TG93AAA1=',
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_1',
      webLink: 'https://outlook.office365.com/owa/?itemid=1',
    });
    const tokenCall = fake.received.find((r) => r.path.includes('/oauth2/v2.0/token'))!;
    const eventCall = fake.eventPosts()[0]!;
    expect(tokenCall).toMatchObject({
      method: 'POST',
      path: expect.stringMatching(new RegExp(`^/${FAKE_TENANT}/oauth2/v2.0/token(\\?|$)`)),
      headers: expect.objectContaining({ 'content-type': expect.stringMatching(/^application\/x-www-form-urlencoded/) }),
    });
    expect(eventCall).toMatchObject({
      method: 'POST',
      path: '/v1.0/users/meetings%40example.org/events',
      headers: expect.objectContaining({ authorization: 'Bearer token-1', 'content-type': 'application/json' }),
    });
    expect(JSON.parse(eventCall.body)).toEqual({
      subject: request.subject,
      body: { contentType: 'HTML', content: request.bodyHtml },
      start: { dateTime: '2026-11-26T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-11-26T11:00:00', timeZone: 'UTC' },
      attendees: [
        { emailAddress: { address: 'fiona.foster@example.org', name: 'Fiona Foster' }, type: 'required' },
        { emailAddress: { address: 'alex.carer@example.org' }, type: 'optional' },
      ],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      allowNewTimeProposals: true,
      transactionId: 'MT-2026-0001',
    });
  });

  test('a 429 is thrown with its status and Retry-After for the outbox to honour; the next try succeeds with the cached token', async () => {
    fake.eventAnswers.push({ status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'ApplicationThrottled', message: 'Too many requests' } } });
    const err = (await graph.createOnlineMeeting(request).catch((e) => e)) as GraphError;
    expect(err).toBeInstanceOf(GraphError);
    expect(err).toMatchObject({ statusCode: 429, transient: true, response: { status: 429, headers: { 'retry-after': '7' } } });
    expect(err.message).toBe('Microsoft Graph answered 429 (ApplicationThrottled)');
    await expect(graph.createOnlineMeeting(request)).resolves.toMatchObject({ id: 'AAMkAGI2TG93AAA1=' });
    expect(fake.tokensIssued()).toBe(1);
  });

  test('no permission is a lasting failure; a refused token is renewed; a dropped connection is worth retrying', async () => {
    fake.eventAnswers.push({ status: 403, body: { error: { code: 'ErrorAccessDenied', message: 'Access is denied.' } } });
    await expect(graph.createOnlineMeeting(request)).rejects.toMatchObject({ statusCode: 403, transient: false });
    fake.eventAnswers.push({ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
    await expect(graph.createOnlineMeeting(request)).rejects.toMatchObject({ statusCode: 401 });
    await graph.createOnlineMeeting(request);
    expect(fake.tokensIssued()).toBe(2);
    fake.eventAnswers.push('hang-up');
    await expect(graph.createOnlineMeeting(request)).rejects.toMatchObject({ statusCode: undefined, transient: true });
  });

  test("wrong app credentials are reported as the token endpoint's refusal", async () => {
    const wrong = secretCalendar('nope');
    await expect(wrong.createOnlineMeeting(request)).rejects.toMatchObject({
      statusCode: 401,
      transient: false,
      message: 'the Microsoft Entra token endpoint answered 401 (invalid_client)',
    });
    expect(fake.eventPosts()).toHaveLength(0);
  });
});

/** A throw-away self-signed certificate and key in one PEM file, as an app registration's certificate credential; null without openssl. */
function testCertificate(): { dir: string; pemPath: string; certificate: string } | null {
  const dir = mkdtempSync(path.join(tmpdir(), 'psb-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '1', '-subj', '/CN=psb-graph-test'], {
      cwd: dir,
      stdio: 'ignore',
    });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  const certificate = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  const pemPath = path.join(dir, 'graph.pem');
  writeFileSync(pemPath, readFileSync(path.join(dir, 'key.pem'), 'utf8') + certificate);
  return { dir, pemPath, certificate };
}

const certificate = testCertificate();
(certificate ? describe : describe.skip)(
  `Microsoft Graph with a certificate credential against a local authority${certificate ? '' : ' (skipped: no openssl to make a certificate)'}`,
  () => {
    let fake: FakeGraph;
    beforeAll(async () => {
      fake = await startFakeGraph();
      fake.trustCertificate(certificate!.certificate);
    });
    afterAll(async () => {
      await fake.stop();
      rmSync(certificate!.dir, { recursive: true, force: true });
    });

    test("GRAPH_CREDENTIAL=certificate signs a client assertion with the PEM file's key; the event is created with the token", async () => {
      const config = loadConfig({
        GRAPH_ORGANIZER: ORGANIZER,
        GRAPH_CREDENTIAL: 'certificate',
        GRAPH_CLIENT_ID: FAKE_CLIENT.id,
        GRAPH_TENANT_ID: FAKE_TENANT,
        GRAPH_CLIENT_CERTIFICATE_PATH: certificate!.pemPath,
      });
      const graph = createGraphCalendar({
        organizer: ORGANIZER,
        baseUrl: `${fake.base}/v1.0`,
        credential: () =>
          graphCredential(graphCredentialSettings(config), { authorityHost: FAKE_AUTHORITY_HOST, disableInstanceDiscovery: true, httpClient: fake.httpClient } as never),
      });
      await expect(graph.createOnlineMeeting(request)).resolves.toMatchObject({ id: 'AAMkAGI2TG93AAA1=' });
      expect(fake.assertionHeaders).toHaveLength(1);
      expect(fake.eventPosts()[0]!.headers.authorization).toBe('Bearer token-1');
    });
  },
);

describe('Microsoft Graph with a managed identity (App Service identity endpoint on loopback)', () => {
  // One stand-in for the whole block: MSAL keeps managed identity tokens and the endpoint it found
  // for the life of the process, as it would on a real host.
  let fake: FakeGraph;
  let restoreEnv: () => void;
  beforeAll(async () => {
    fake = await startFakeGraph();
    restoreEnv = fake.actAsManagedIdentityEndpoint();
  });
  afterAll(async () => {
    restoreEnv();
    await fake.stop();
  });

  test('GRAPH_CREDENTIAL=managed-identity needs no secret: the token comes from IDENTITY_ENDPOINT and the event is created', async () => {
    const config = loadConfig({ ...fake.env() });
    expect(graphCredentialSettings(config)).toEqual({ kind: 'managed-identity', clientId: undefined });
    const graph = calendarSettings(config, () => null).graph!;
    await expect(graph.createOnlineMeeting(request)).resolves.toMatchObject({ id: 'AAMkAGI2TG93AAA1=' });
    expect(fake.managedIdentityClientIds).toEqual([null]);
    const [event] = fake.eventPosts();
    expect(event!.headers.authorization).toBe('Bearer token-1');
    expect(JSON.parse(event!.body).transactionId).toBe('MT-2026-0001');
  });

  test("a user-assigned identity is asked for by its client id (the bot's own with BOT_TYPE=UserAssignedMSI)", async () => {
    const config = loadConfig({ ...fake.env(), BOT_ID: FAKE_CLIENT.id, BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: FAKE_TENANT });
    expect(graphCredentialSettings(config)).toEqual({ kind: 'managed-identity', clientId: FAKE_CLIENT.id });
    await calendarSettings(config, () => null).graph!.createOnlineMeeting(request);
    expect(fake.managedIdentityClientIds).toEqual([null, FAKE_CLIENT.id]);
  });

  test('an identity the host does not have is refused: a GraphError the outbox reports, and no event is posted', async () => {
    const posted = fake.eventPosts().length;
    const graph = createGraphCalendar({
      organizer: ORGANIZER,
      baseUrl: `${fake.base}/v1.0`,
      credential: () => graphCredential({ kind: 'managed-identity', clientId: NOT_ASSIGNED }),
      timeoutMs: 5000,
    });
    const err = await graph.createOnlineMeeting(request).catch((e) => e);
    expect(err).toBeInstanceOf(GraphError);
    expect(err.message).toMatch(/^the Microsoft Entra token endpoint/);
    expect(fake.eventPosts()).toHaveLength(posted);
  });
});

describe('Microsoft Graph settings', () => {
  test("GRAPH_ORGANIZER needs an app registration: its own, or the bot's", () => {
    expect(() => loadConfig({ GRAPH_ORGANIZER: ORGANIZER })).toThrow(
      /GRAPH_CLIENT_ID: expected an app registration for Microsoft Graph \(or set BOT_ID\) when GRAPH_ORGANIZER is set with GRAPH_CREDENTIAL=client-secret/,
    );
    const own = loadConfig({ GRAPH_ORGANIZER: ORGANIZER, GRAPH_CLIENT_ID: FAKE_CLIENT.id, GRAPH_CLIENT_SECRET: 's', GRAPH_TENANT_ID: FAKE_TENANT });
    expect(calendarSettings(own, () => null).graph?.organizer).toBe(ORGANIZER);
    const bots = loadConfig({ GRAPH_ORGANIZER: ORGANIZER, BOT_ID: FAKE_CLIENT.id, BOT_PASSWORD: 's', BOT_TENANT_ID: FAKE_TENANT });
    expect(bots.GRAPH_BASE_URL).toBe('https://graph.microsoft.com/v1.0');
    expect(calendarSettings(bots, () => null).graph).not.toBeNull();
  });

  test('GRAPH_CREDENTIAL chooses how: a certificate needs its PEM file, a managed identity nothing, anything else is named', () => {
    const app = { GRAPH_ORGANIZER: ORGANIZER, GRAPH_CLIENT_ID: FAKE_CLIENT.id, GRAPH_TENANT_ID: FAKE_TENANT };
    expect(() => loadConfig({ ...app, GRAPH_CREDENTIAL: 'certificate' })).toThrow(/GRAPH_CLIENT_CERTIFICATE_PATH: expected the path of a PEM file/);
    expect(graphCredentialSettings(loadConfig({ ...app, GRAPH_CREDENTIAL: 'certificate', GRAPH_CLIENT_CERTIFICATE_PATH: '/etc/psb/graph.pem' }))).toEqual({
      kind: 'certificate',
      tenantId: FAKE_TENANT,
      clientId: FAKE_CLIENT.id,
      certificatePath: '/etc/psb/graph.pem',
    });
    expect(graphCredentialSettings(loadConfig({ GRAPH_ORGANIZER: ORGANIZER, GRAPH_CREDENTIAL: 'managed-identity' }))).toEqual({ kind: 'managed-identity', clientId: undefined });
    expect(() => loadConfig({ ...app, GRAPH_CREDENTIAL: 'password' })).toThrow(/GRAPH_CREDENTIAL: expected one of client-secret, certificate, managed-identity \(got "password"\)/);
    expect(() => loadConfig({ ...app, GRAPH_CLIENT_SECRET: 's', GRAPH_AUTHORITY_HOST: 'http://login.example' })).toThrow(/GRAPH_AUTHORITY_HOST: expected an https:\/\/ URL/);
  });

  test('without Graph, .ics links use BOT_PUBLIC_URL, or the loopback address in local mode', () => {
    expect(calendarSettings(loadConfig({}), () => 'http://127.0.0.1:3978')).toMatchObject({ graph: null });
    expect(calendarSettings(loadConfig({}), () => 'http://127.0.0.1:3978').publicUrl()).toBe('http://127.0.0.1:3978');
    expect(calendarSettings(loadConfig({ BOT_PUBLIC_URL: 'https://bot.example.gov.uk/' }), () => null).publicUrl()).toBe('https://bot.example.gov.uk');
    const production = loadConfig({ BOT_ID: FAKE_CLIENT.id, BOT_PASSWORD: 's', BOT_TENANT_ID: FAKE_TENANT });
    expect(calendarSettings(production, () => 'http://127.0.0.1:3978').publicUrl()).toBeNull();
  });
});

describe('Microsoft Graph adding the app for a person (GRAPH_TEAMS_APP_ID)', () => {
  const CATALOG_APP = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
  let fake: FakeGraph;
  let installer: GraphAppInstaller;

  beforeEach(async () => {
    fake = await startFakeGraph();
    installer = createGraphAppInstaller({
      baseUrl: `${fake.base}/v1.0`,
      catalogAppId: CATALOG_APP,
      credential: () => secretCredential(fake, FAKE_CLIENT.secret),
      timeoutMs: 2000,
    });
  });
  afterEach(async () => {
    await fake.stop();
  });

  test("POSTs the catalog app to the person's installed apps with the bot's token; asking again for the same person is harmless (409 reads as already there)", async () => {
    expect(await installer.installFor('00000000-0000-0000-0000-00000000a004')).toBe('installed');
    expect(await installer.installFor('00000000-0000-0000-0000-00000000a004')).toBe('already');
    const call = fake.received.find((r) => r.path.endsWith('/teamwork/installedApps'))!;
    expect(call).toMatchObject({ method: 'POST', path: '/v1.0/users/00000000-0000-0000-0000-00000000a004/teamwork/installedApps' });
    expect(call.headers.authorization).toMatch(/^Bearer token-\d+$/);
    expect(JSON.parse(call.body)).toEqual({ 'teamsApp@odata.bind': `${fake.base}/v1.0/appCatalogs/teamsApps/${CATALOG_APP}` });
    expect(fake.installedFor).toEqual(['00000000-0000-0000-0000-00000000a004']);
  });

  test("after a 409 (the app already installed for them), the installation's chat is found as Microsoft documents: the installation by the catalog app id, then its chat", async () => {
    fake.installedBefore.set('harry.hos@example.org', 'a:chat-of-harry');
    expect(await installer.installFor('harry.hos@example.org')).toBe('already');
    expect(await installer.chatOfInstallation('harry.hos@example.org')).toBe('a:chat-of-harry');
    const [list, chat] = fake.received.filter((r) => r.method === 'GET' && r.path.includes('/teamwork/installedApps'));
    const listed = new URL(list!.path, fake.base);
    expect(listed.pathname).toBe('/v1.0/users/harry.hos%40example.org/teamwork/installedApps');
    expect(listed.searchParams.get('$expand')).toBe('teamsApp');
    expect(listed.searchParams.get('$filter')).toBe(`teamsApp/id eq '${CATALOG_APP}'`);
    expect(chat!.path).toMatch(/^\/v1\.0\/users\/harry\.hos%40example\.org\/teamwork\/installedApps\/installation-[\w-]+\/chat$/);
    expect(chat!.headers.authorization).toMatch(/^Bearer token-\d+$/);
    // Not installed for them after all: no chat, and nothing else asked.
    expect(await installer.chatOfInstallation('hana.head@example.org')).toBeNull();
  });

  test('a refusal (403: the permission not granted) is a lasting GraphError; throttling (429) is transient', async () => {
    fake.installAnswers.push({ status: 403, body: { error: { code: 'Forbidden', message: 'Missing role permissions' } } });
    const refused = await installer.installFor('hana.head@example.org').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(GraphError);
    expect((refused as GraphError).transient).toBe(false);
    expect((refused as GraphError).message).toContain('403 (Forbidden)');
    fake.installAnswers.push({ status: 429, headers: { 'Retry-After': '2' } });
    const throttled = (await installer.installFor('hana.head@example.org').catch((err: unknown) => err)) as GraphError;
    expect(throttled.transient).toBe(true);
    expect(fake.installedFor).toEqual([]);
  });

  test('GRAPH_TEAMS_APP_ID must be a catalog id (a GUID) and needs the same app registration settings as the calendar', () => {
    expect(() => loadConfig({ GRAPH_TEAMS_APP_ID: 'com.example.psb' })).toThrow(/GRAPH_TEAMS_APP_ID: expected the app's id in the Teams app catalog/);
    expect(() => loadConfig({ GRAPH_TEAMS_APP_ID: CATALOG_APP, GRAPH_TENANT_ID: FAKE_TENANT })).toThrow(/GRAPH_CLIENT_ID: .*when GRAPH_TEAMS_APP_ID is set/);
    expect(loadConfig({ GRAPH_TEAMS_APP_ID: CATALOG_APP, GRAPH_CREDENTIAL: 'managed-identity' }).GRAPH_TEAMS_APP_ID).toBe(CATALOG_APP);
  });
});
