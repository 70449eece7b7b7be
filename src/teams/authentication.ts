// Bot Framework authentication, as the adapter does it, with one mend: a token whose signature,
// expiry or "not before" fails verification is the caller's fault and must be answered 401, but
// the SDK lets the JWT library's own error through and the adapter answers 500.
import type { CloudAdapter } from 'botbuilder';
import { AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';

const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

export function answerBadTokensWith401(adapter: CloudAdapter): void {
  // `botFrameworkAuthentication` is protected in CloudAdapter; this is the one place that reaches it.
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (err) {
      if (err instanceof Error && TOKEN_ERRORS.has(err.name)) throw new AuthenticationError(`Unauthorized: ${err.message}`, 401);
      throw err;
    }
  };
}
