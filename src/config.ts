// The environment, validated once at start. A bad value stops the process with a message that
// names the variable and what is expected.
import { z } from 'zod';
import { checkGuidanceModelConfig, guidanceModelConfigShape } from './guidance/modelConfig';
import { MICROSOFT_SERVICE_URL_HOSTS } from './teams/serviceUrls';
import { isIsoDate } from './domain/dates';
import { DEFAULT_WORKING_CALENDAR, parseChaseTarget } from './domain/workingTime';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());
/** A comma-separated list: "a, b,c" -> ['a', 'b', 'c'] (blank: unset). */
const commaList = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.split(',').map((item) => item.trim().toLowerCase())) : v);
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export const configSchema = z
  .object({
    PORT: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ invalid_type_error: 'a port number' })
        .int('a whole number')
        .min(0, 'a port number from 1 to 65535 (0: any free port)')
        .max(65535, 'a port number from 1 to 65535 (0: any free port)')
        .default(3978),
    ),
    BOT_ID: z.preprocess(blankToUndefined, z.string().uuid("the bot's Microsoft App ID (a GUID)").optional()),
    BOT_PASSWORD: optionalString,
    BOT_TENANT_ID: z.preprocess(blankToUndefined, z.string().uuid('the Microsoft Entra tenant ID (a GUID)').optional()),
    BOT_TYPE: z.preprocess(
      blankToUndefined,
      z
        .enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI'], {
          errorMap: () => ({ message: 'one of SingleTenant, MultiTenant, UserAssignedMSI' }),
        })
        .default('SingleTenant'),
    ),
    MONGODB_URI: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'a MongoDB connection string starting mongodb:// or mongodb+srv://')
        .optional(),
    ),
    MONGODB_DB: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,63}$/, 'a database name of letters, digits, _ or - (at most 63)')
        .default('placement_stability'),
    ),
    DATA_DIR: z.preprocess(blankToUndefined, z.string().default('./data')),
    LOG_LEVEL: z.preprocess(
      blankToUndefined,
      z
        .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
          errorMap: () => ({ message: 'one of fatal, error, warn, info, debug, trace, silent' }),
        })
        .default('info'),
    ),
    /** Where to send people who are not on the roster (shown in the "not set up" message). */
    SUPPORT_CONTACT: z.preprocess(blankToUndefined, z.string().max(200).default('your team manager or the system administrator')),
    /** Days after a record closes before its free text is removed (unset: kept). The audit log keeps who/when/what. */
    RETENTION_DAYS: z.preprocess(
      blankToUndefined,
      z.coerce.number({ invalid_type_error: 'a number of days' }).int('a whole number of days').min(30, 'at least 30 days').optional(),
    ),
    /**
     * How long the outbox sender holds an entry it is sending (unset: the sender's default, a minute).
     * A process that dies mid-send leaves its lease behind; the entry is sent again once the lease
     * runs out. Longer than any send can take, or two processes may send the same message.
     */
    OUTBOX_LEASE_MS: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ invalid_type_error: 'a number of milliseconds' })
        .int('a whole number of milliseconds')
        .min(1000, 'at least 1000 milliseconds')
        .max(3_600_000, 'at most 3600000 milliseconds (an hour)')
        .optional(),
    ),
    /**
     * The tenants whose users may use the bot (comma-separated). Unset: BOT_TENANT_ID's tenant only
     * (and in local mode with neither set, any tenant). Activities from any other tenant are refused.
     */
    ALLOWED_TENANT_IDS: z.preprocess(commaList, z.array(z.string().uuid('a comma-separated list of Microsoft Entra tenant IDs (GUIDs)')).min(1).optional()),
    /**
     * Host names of the Bot Framework service the bot may call back (comma-separated); an incoming
     * activity naming any other serviceUrl is refused, and nothing is sent to one. Only sovereign
     * clouds and tests change it. Local mode calls this machine only, whatever this says.
     */
    BOT_SERVICE_URL_HOSTS: z.preprocess(
      commaList,
      z
        .array(z.string().regex(HOST_NAME, 'a comma-separated list of host names such as smba.trafficmanager.net (no scheme or path)'))
        .min(1)
        .default([...MICROSOFT_SERVICE_URL_HOSTS]),
    ),
    /**
     * How long the outbox keeps trying a message before it gives it up as failed (and the sender
     * is told, an approval card falls back to another approver or the approvals channel).
     */
    OUTBOX_DELIVERY_HOURS: z.preprocess(
      blankToUndefined,
      z.coerce.number({ invalid_type_error: 'a number of hours' }).int('a whole number of hours').min(1, 'at least 1 hour').max(168, 'at most 168 hours (a week)').default(24),
    ),
    /** Days the outbox keeps messages once delivered or given up (then they are removed; the audit log is kept). */
    OUTBOX_RETENTION_DAYS: z.preprocess(
      blankToUndefined,
      z.coerce.number({ invalid_type_error: 'a number of days' }).int('a whole number of days').min(1, 'at least 1 day').max(3650, 'at most 3650 days').default(30),
    ),
    /** The office's working hours in England, 'HH:MM-HH:MM' (chasing undecided move requests counts only these, Monday to Friday). */
    WORKING_HOURS: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'working hours as HH:MM-HH:MM, e.g. 09:00-17:00')
        .refine((v) => v.slice(0, 5) < v.slice(6), 'working hours whose end is after their start, e.g. 09:00-17:00')
        .default('09:00-17:00'),
    ),
    /** Days off besides England and Wales bank holidays (and the bank holidays of years the bot does not list yet). */
    BANK_HOLIDAYS_EXTRA: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((v) =>
          v
            .split(',')
            .map((d) => d.trim())
            .filter(Boolean),
        )
        .refine((days) => days.every(isIsoDate), 'dates as YYYY-MM-DD separated by commas, e.g. 2029-01-01,2029-03-30')
        .default(''),
    ),
    /** Chasing an undecided urgent / planned move request: reminder and escalation after so many working hours (h) or days (d). */
    MOVE_CHASE_URGENT: z.preprocess(blankToUndefined, z.string().default('2h,4h')),
    MOVE_CHASE_PLANNED: z.preprocess(blankToUndefined, z.string().default('2d,5d')),
    /** Who also gets the approval card of an urgent move request made outside working hours: a roster person's email, or a channel. */
    OUT_OF_HOURS_APPROVER: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().email("the out-of-hours approver's email address, as on the roster").optional()),
    OUT_OF_HOURS_CHANNEL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^\S{3,200}$/, "a Teams channel's conversation id (19:...@thread...)")
        .optional(),
    ),
    /** Bot Framework OpenID metadata; only tests and sovereign clouds change it. */
    BOT_OPENID_METADATA: z.preprocess(blankToUndefined, z.string().url('a URL').optional()),
    /** Folder of the council's own guidance documents (.md, .txt, .docx), indexed beside the pack. */
    GUIDANCE_DIR: optionalString,
    /** Optional model that may word guidance answers (Azure OpenAI or OpenAI). */
    ...guidanceModelConfigShape,
    /** The bot's public address (scheme and host, no path): links to the .ics invitations it serves. */
    BOT_PUBLIC_URL: z.preprocess(blankToUndefined, z.string().url('a URL such as https://bot.example.gov.uk').optional()),
    /** Meeting invitations through Microsoft Graph: the mailbox that organises the Teams meetings. */
    GRAPH_ORGANIZER: z.preprocess(blankToUndefined, z.string().trim().email("the organiser mailbox's email address").optional()),
    /**
     * Optional: the bot's Teams app id in the organisation's app catalog. When set, the bot asks Graph
     * to add the app for a person who never opened it and is in no team with it (needs the Graph
     * permission TeamsAppInstallation.ReadWriteSelfForUser.All).
     */
    GRAPH_TEAMS_APP_ID: z.preprocess(blankToUndefined, z.string().uuid("the app's id in the Teams app catalog (a GUID)").optional()),
    /** How Graph tokens are got: the app registration's client secret, its certificate, or the host's managed identity. */
    GRAPH_CREDENTIAL: z.preprocess(
      blankToUndefined,
      z
        .enum(['client-secret', 'certificate', 'managed-identity'], { errorMap: () => ({ message: 'one of client-secret, certificate, managed-identity' }) })
        .default('client-secret'),
    ),
    /** The app registration allowed to write that calendar; defaults to the bot's own (BOT_ID, BOT_PASSWORD, BOT_TENANT_ID). For a managed identity: a user-assigned identity's client ID. */
    GRAPH_CLIENT_ID: z.preprocess(blankToUndefined, z.string().uuid("an app registration's client ID (a GUID)").optional()),
    GRAPH_CLIENT_SECRET: optionalString,
    /** A PEM file holding the app registration's certificate and its private key (GRAPH_CREDENTIAL=certificate). */
    GRAPH_CLIENT_CERTIFICATE_PATH: optionalString,
    GRAPH_TENANT_ID: z.preprocess(blankToUndefined, z.string().uuid('the Microsoft Entra tenant ID (a GUID)').optional()),
    /** Only sovereign clouds and tests change these. */
    GRAPH_BASE_URL: z.preprocess(blankToUndefined, z.string().url('a URL').default('https://graph.microsoft.com/v1.0')),
    GRAPH_AUTHORITY_HOST: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^https:\/\/\S+$/, 'an https:// URL (the Microsoft Entra authority host of a sovereign cloud)')
        .optional(),
    ),
  })
  .superRefine((cfg, ctx) => {
    checkGuidanceModelConfig(cfg, ctx);
    for (const name of ['MOVE_CHASE_URGENT', 'MOVE_CHASE_PLANNED'] as const) {
      if (!parseChaseTarget(cfg[name], DEFAULT_WORKING_CALENDAR)) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'a reminder and an escalation time in working hours (h) or days (d), the second longer, e.g. 2h,4h or 2d,5d' });
      }
    }
    const graphSetting = cfg.GRAPH_ORGANIZER ? 'GRAPH_ORGANIZER' : cfg.GRAPH_TEAMS_APP_ID ? 'GRAPH_TEAMS_APP_ID' : null;
    if (graphSetting && cfg.GRAPH_CREDENTIAL !== 'managed-identity') {
      // A managed identity needs nothing more; an app registration needs its id, tenant and secret or certificate.
      const how = `when ${graphSetting} is set with GRAPH_CREDENTIAL=${cfg.GRAPH_CREDENTIAL}`;
      if (!(cfg.GRAPH_CLIENT_ID ?? cfg.BOT_ID))
        ctx.addIssue({ code: 'custom', path: ['GRAPH_CLIENT_ID'], message: `an app registration for Microsoft Graph (or set BOT_ID) ${how}` });
      if (!(cfg.GRAPH_TENANT_ID ?? cfg.BOT_TENANT_ID)) ctx.addIssue({ code: 'custom', path: ['GRAPH_TENANT_ID'], message: `the tenant ID (or set BOT_TENANT_ID) ${how}` });
      if (cfg.GRAPH_CREDENTIAL === 'client-secret' && !(cfg.GRAPH_CLIENT_SECRET ?? cfg.BOT_PASSWORD))
        ctx.addIssue({ code: 'custom', path: ['GRAPH_CLIENT_SECRET'], message: `its client secret (or set BOT_PASSWORD) ${how}` });
      if (cfg.GRAPH_CREDENTIAL === 'certificate' && !cfg.GRAPH_CLIENT_CERTIFICATE_PATH)
        ctx.addIssue({ code: 'custom', path: ['GRAPH_CLIENT_CERTIFICATE_PATH'], message: `the path of a PEM file with the certificate and its private key ${how}` });
    }
    if (cfg.BOT_ID && cfg.BOT_TYPE !== 'UserAssignedMSI' && !cfg.BOT_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['BOT_PASSWORD'], message: "the bot's client secret (required when BOT_ID is set)" });
    }
    if (cfg.BOT_ID && cfg.BOT_TYPE !== 'MultiTenant' && !cfg.BOT_TENANT_ID) {
      ctx.addIssue({ code: 'custom', path: ['BOT_TENANT_ID'], message: `the tenant ID (required for BOT_TYPE ${cfg.BOT_TYPE})` });
    }
    if (cfg.BOT_ID && cfg.BOT_TYPE === 'MultiTenant' && !cfg.BOT_TENANT_ID && !cfg.ALLOWED_TENANT_IDS) {
      ctx.addIssue({ code: 'custom', path: ['ALLOWED_TENANT_IDS'], message: 'the tenants whose users may use the bot (required for BOT_TYPE MultiTenant without BOT_TENANT_ID)' });
    }
  });

export type Config = z.infer<typeof configSchema> & { localMode: boolean };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment. Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment'); // a list's item is reported as the variable
      const got = env[name];
      const shown =
        got === undefined
          ? ''
          : ['BOT_PASSWORD', 'MONGODB_URI', 'AZURE_OPENAI_API_KEY', 'OPENAI_API_KEY', 'GRAPH_CLIENT_SECRET'].includes(name)
            ? ' (value hidden)'
            : ` (got "${got}")`;
      return `${name}: expected ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  // Without a bot id there is no Bot Framework authentication: local development only.
  return { ...parsed.data, localMode: !parsed.data.BOT_ID };
}
