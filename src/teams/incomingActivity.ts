// The typed boundary of what arrives at /api/messages: the least a Bot Framework activity must
// carry for the bot to know who sent it, where, and where to answer. Anything else is refused
// with 400 before it reaches the adapter, so a malformed request cannot half-run a turn.
import { z } from 'zod';

const id = z.string().min(1).max(500);

export const incomingActivitySchema = z
  .object({
    type: z.string().min(1).max(100),
    channelId: id,
    serviceUrl: z.string().url().max(2000),
    from: z.object({ id }).passthrough(),
    recipient: z.object({ id }).passthrough(),
    conversation: z.object({ id }).passthrough(),
  })
  .passthrough();

/** A short reason when the body is not an activity the bot can answer, else null. */
export function activityProblem(body: unknown): string | null {
  const parsed = incomingActivitySchema.safeParse(body);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `not a Bot Framework activity: ${issue.path.join('.') || 'body'} ${issue.message.toLowerCase()}`;
}
