// Bot Framework authentication of /api/messages, done before a turn starts so that a refusal is
// answered and logged here, the same way every time: 401 with the body "unauthorized", and one
// short log line with the reason (never the token, a stack trace or key material). The SDK's own
// request handler (`adapter.process`) would print each refusal's stack trace and send the library's
// message back; and it answers 500 when the JWT library's own error gets through.
//
// Outside local mode only a token issued by the Bot Framework channel is handed to the SDK: the
// SDK also accepts tokens from the Bot Framework Emulator's issuers and from other bots (skills),
// neither of which may talk to this bot in production.
//
// The SDK's internals this needs (a protected member for the token check, another for the turn) are
// reached only in botFrameworkEdge.ts.
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, GovernmentConstants, type AuthenticateRequestResult, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Logger } from '../services/context';
import { BotFrameworkEdgeAdapter } from './botFrameworkEdge';
import type { IncomingActivity } from './incomingActivity';

export const UNAUTHORIZED_BODY = 'unauthorized';

const CHANNEL_ISSUERS = new Set<string>([AuthenticationConstants.ToBotFromChannelTokenIssuer, GovernmentConstants.ToBotFromChannelTokenIssuer]);
/** Errors of the JWT library that the SDK lets through: the caller's fault, so 401. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

export type Authentication = { ok: true; result: AuthenticateRequestResult } | { ok: false; reason: string };

/** The issuer a bearer token claims (not yet verified: the SDK verifies it), or null. */
function claimedIssuer(authHeader: string): string | null {
  const [scheme, token, extra] = authHeader.trim().split(/\s+/);
  if (scheme !== 'Bearer' || !token || extra !== undefined) return null;
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown };
    return typeof payload.iss === 'string' ? payload.iss : null;
  } catch {
    return null;
  }
}

/** A short reason for the log: the kind of failure, with no claim values or token text. */
function reasonOf(err: Error): string {
  if (err.name === 'TokenExpiredError') return 'token expired';
  if (err.name === 'NotBeforeError') return 'token not yet valid';
  return (
    err.message
      .split(/[.:]/)[0]
      .replace(/^Unauthorized\s*/i, '')
      .trim()
      .slice(0, 80) || err.name
  );
}

/** The Teams adapter with authentication and the turn as two steps, so the HTTP layer answers refusals itself. */
export class TeamsBotAdapter extends BotFrameworkEdgeAdapter {
  constructor(
    settings: ConfigurationBotFrameworkAuthenticationOptions,
    credentials: ServiceClientCredentialsFactory,
    private readonly auth: { localMode: boolean; log: Logger },
  ) {
    super(settings, credentials);
  }

  /** Checks the Authorization header for this activity. Throws only when the check itself could not run (e.g. the key metadata is unreachable). */
  async authenticate(activity: IncomingActivity, authHeader: string): Promise<Authentication> {
    const refuse = (reason: string): Authentication => {
      this.auth.log.warn({ reason }, 'request refused: not authenticated');
      return { ok: false, reason };
    };
    if (!this.auth.localMode) {
      if (!authHeader.trim()) return refuse('no token');
      const issuer = claimedIssuer(authHeader);
      if (issuer === null) return refuse('malformed token');
      if (!CHANNEL_ISSUERS.has(issuer)) return refuse('token not issued by the Bot Framework channel');
    }
    try {
      return { ok: true, result: await this.checkToken(activity, authHeader) };
    } catch (err) {
      if (err instanceof AuthenticationError || (err instanceof Error && TOKEN_ERRORS.has(err.name))) return refuse(reasonOf(err));
      throw err;
    }
  }
}
