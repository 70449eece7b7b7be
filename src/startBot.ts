// Composition: opens the store, builds the services and the Teams bot, starts HTTP and the
// outbox sender. `src/index.ts` calls it for a real run; end-to-end tests call it in-process.
import { CallerIdConstants, ConfigurationServiceClientCredentialFactory, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config';
import { importChildren } from './services/people';
import { importRoster } from './services/rosterImport';
import { loadGuidanceIndex } from './guidance';
import { createGuidancePhraser } from './guidance/phrasing';
import { createHttpServer } from './http/server';
import { openAlertsForTeams } from './services/alerts';
import { upcomingMeetingsForTeams } from './services/meetingLists';
import type { Logger, ServiceContext } from './services/context';
import { resumeAllEffects } from './services/effects/kinds';
import { countUndelivered } from './services/undelivered';
import { withinUnitOfWork } from './store/unitOfWork';
import { migrateStoredConversations } from './services/conversations';
import { migrateTaskTitles } from './services/taskTitles';
import { createGraphAppInstaller } from './services/graph';
import { calendarSettings, graphConnection, meetingCalendarFile } from './services/invitations';
import { moveFlowSettings } from './services/moveFlowSettings';
import type { Store } from './store/collection';
import { openStore } from './store/openStore';
import { openRecords } from './store/records';
import { createBot } from './teams/app';
import { TeamsBotAdapter, UNAUTHORIZED_BODY } from './teams/authentication';
import { activityProblem, isIgnoredActivity, MAX_ACTIVITY_DEPTH, trafficProblem, type IncomingActivity, type TrafficPolicy } from './teams/incomingActivity';
import { OutboxSender, type SenderOptions } from './teams/delivery';
import { Scheduler, type SchedulerOptions } from './jobs/scheduler';

export interface RunningBot {
  port: number;
  store: Store;
  services: ServiceContext;
  sender: OutboxSender;
  scheduler: Scheduler;
  /** Finishes turns in flight, stops the sender and closes the store. */
  stop(): Promise<void>;
}

export interface StartOptions {
  log: Logger;
  now?: () => Date;
  /** Bind address; local mode is always loopback only. */
  host?: string;
  sender?: SenderOptions;
  scheduler?: SchedulerOptions;
  /** An already open store (tests); otherwise one is opened from the configuration. */
  store?: Store;
}

/**
 * The public cloud's settings, with the OpenID metadata replaced when configured. Setting any one
 * of them makes the SDK use only what is given, so a replacement must come with the full set.
 */
function authenticationSettings(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  if (!config.BOT_OPENID_METADATA) return {};
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: config.BOT_OPENID_METADATA,
    ToBotFromEmulatorOpenIdMetadataUrl: config.BOT_OPENID_METADATA,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** What the bot serves: Teams, the allowed tenants, and the service URLs it may call back. */
function trafficPolicy(config: Config): TrafficPolicy {
  const tenants = config.ALLOWED_TENANT_IDS ?? (config.BOT_TENANT_ID ? [config.BOT_TENANT_ID] : null);
  return {
    // null (any tenant) only in local mode: outside it the configuration requires a tenant.
    allowedTenants: tenants ? new Set(tenants.map((tenant) => tenant.toLowerCase())) : null,
    serviceUrls: { loopbackOnly: config.localMode, hosts: new Set(config.BOT_SERVICE_URL_HOSTS) },
  };
}

/** A local run with an empty roster gets the made-up people and children in examples/, to try at once. */
async function loadExamples(services: ServiceContext, log: Logger): Promise<void> {
  const examples = path.resolve(__dirname, '../examples');
  const roster = await importRoster(services, readFileSync(path.join(examples, 'roster.csv'), 'utf8'), 'examples');
  const children = await importChildren(services, readFileSync(path.join(examples, 'children.csv'), 'utf8'), 'examples');
  log.warn({ people: roster.created, children: children.created }, 'local mode with an empty roster: loaded the made-up example roster and children');
  for (const problem of [...roster.problems, ...children.problems])
    log.warn({ line: problem.line, reason: problem.reason }, 'example roster or children line not (fully) imported');
}

export async function startBot(config: Config, options: StartOptions): Promise<RunningBot> {
  const { log } = options;
  const store = options.store ?? (await openStore({ mongodbUri: config.MONGODB_URI, mongodbDb: config.MONGODB_DB, dataDir: config.DATA_DIR }));
  const records = await openRecords(store);
  let sender: OutboxSender | null = null;
  let listeningPort: number | null = null;
  const services: ServiceContext = {
    records,
    now: options.now ?? (() => new Date()),
    log,
    onOutboxChanged: () => sender?.wake(),
    calendar: calendarSettings(config, () => (listeningPort === null ? null : `http://127.0.0.1:${listeningPort}`)),
    moveFlow: moveFlowSettings(config),
    teamsAppCanBeAdded: !!config.GRAPH_TEAMS_APP_ID,
  };

  // With no app id the factory hands out empty credentials: no authentication either way.
  const credentials = new ConfigurationServiceClientCredentialFactory(
    config.localMode
      ? { MicrosoftAppType: 'MultiTenant' }
      : {
          MicrosoftAppId: config.BOT_ID,
          MicrosoftAppPassword: config.BOT_PASSWORD,
          MicrosoftAppType: config.BOT_TYPE,
          MicrosoftAppTenantId: config.BOT_TENANT_ID,
        },
  );
  const adapter = new TeamsBotAdapter(authenticationSettings(config), credentials, { localMode: config.localMode, log });
  const traffic = trafficPolicy(config);
  const botAppId = config.BOT_ID ?? '';
  // The guidance index is built once; council documents that cannot be read are logged and skipped.
  const { index: guidanceIndex, councilDocs } = await loadGuidanceIndex({ guidanceDir: config.GUIDANCE_DIR ?? '' });
  // the known questions are analysed now (about a second), not while the first practitioner waits
  guidanceIndex.prepare();
  for (const problem of councilDocs?.problems ?? []) log.warn({ file: problem.file, reason: problem.reason }, 'council guidance document not indexed');
  if (councilDocs) log.info({ passages: councilDocs.passages.length, dir: config.GUIDANCE_DIR }, 'council guidance documents indexed');
  const guidancePhraser = createGuidancePhraser(config, { log });
  if (guidancePhraser) log.info({}, 'guidance answers may be worded by the configured model');
  const app = createBot({
    adapter,
    botAppId,
    services,
    supportContact: config.SUPPORT_CONTACT,
    guidance: { index: guidanceIndex, phraser: guidancePhraser },
  });

  // The digest shows open alerts and coming meetings; those features supply the sections.
  sender = new OutboxSender(services, adapter, botAppId, {
    digestSections: { openAlerts: openAlertsForTeams, upcomingMeetings: upcomingMeetingsForTeams },
    serviceUrls: traffic.serviceUrls,
    ...(config.OUTBOX_LEASE_MS !== undefined && { leaseMs: config.OUTBOX_LEASE_MS }),
    boundMs: config.OUTBOX_DELIVERY_HOURS * 3_600_000,
    ...(config.GRAPH_TEAMS_APP_ID && { appInstaller: createGraphAppInstaller({ ...graphConnection(config), catalogAppId: config.GRAPH_TEAMS_APP_ID }) }),
    ...options.sender,
  });
  if (config.localMode && (await records.people.count({})) === 0) await loadExamples(services, log);
  const migratedConversations = await migrateStoredConversations(services);
  if (migratedConversations > 0) log.info({ migrated: migratedConversations }, "conversations stored in the SDK's reference shape rewritten as plain fields");
  const retitled = await migrateTaskTitles(services);
  if (retitled > 0) log.info({ retitled }, "tasks' titles rewritten without the carer's name or a meeting's words");
  // Finish whatever a previous process left half-done before taking new work.
  const resumed = await resumeAllEffects(services);
  if (resumed > 0) log.info({ resumed }, 'finished effects left by a previous run');
  if (!config.localMode && !config.GRAPH_ORGANIZER && !config.BOT_PUBLIC_URL)
    log.warn({}, 'neither GRAPH_ORGANIZER nor BOT_PUBLIC_URL is set: meeting invitations in Teams will carry no calendar file');
  sender.start();
  const scheduler = new Scheduler(services, { retentionDays: config.RETENTION_DAYS, outboxRetentionDays: config.OUTBOX_RETENTION_DAYS, ...options.scheduler });
  scheduler.start();

  const http = createHttpServer({
    store,
    log,
    maxJsonDepth: MAX_ACTIVITY_DEPTH,
    health: async () => ({ undelivered: await countUndelivered(services) }),
    calendarFile: (ref, token) => meetingCalendarFile(services, ref, token),
    // Checked in order of cost, each before anything reads the store: the activity's shape, where
    // it comes from, then its token.
    processActivity: async (body, req, res) => {
      const problem = activityProblem(body);
      if (problem) {
        res.send(400, { error: problem });
        return;
      }
      const activity = body as IncomingActivity;
      if (isIgnoredActivity(activity)) {
        res.send(200);
        return;
      }
      const refused = trafficProblem(activity, traffic);
      if (refused) {
        log.warn({ reason: refused }, 'request refused: not traffic this bot serves');
        res.send(403, { error: refused });
        return;
      }
      const authentication = await adapter.authenticate(activity, String(req.headers.authorization ?? ''));
      if (!authentication.ok) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(UNAUTHORIZED_BODY);
        return;
      }
      // One turn is one unit of work: a record it reads twice (by the service, then for the card) is read once.
      const invokeResponse = await withinUnitOfWork(() => adapter.runTurn(authentication.result, activity, (context) => app.run(context).then(() => undefined)));
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
    },
  });
  const host = config.localMode ? '127.0.0.1' : (options.host ?? '0.0.0.0');
  const port = await http.listen(config.PORT, host);
  listeningPort = port;
  // Said once listening has succeeded: a start that fails (the port in use) must not end with a line saying it listens.
  if (config.localMode) log.warn({ host }, 'BOT_ID is not set: local mode, no Bot Framework authentication, listening on loopback only');
  log.info({ port, host, store: store.kind }, 'Placement Stability Bot listening');

  let stopping: Promise<void> | null = null;
  return {
    port,
    store,
    services,
    sender,
    scheduler,
    stop: () =>
      (stopping ??= (async () => {
        await http.close();
        await scheduler.stop();
        await sender!.stop();
        await store.close();
      })()),
  };
}
