// The clock-driven door: every tick it queues the digests and task reminders that are due, chases
// move requests waiting too long for a decision, asks once a day for the placement plan revisions
// falling due (PLAN-2), and settles messages held for people without a chat with the bot. Each is
// queued under a fixed key, so ticks in two processes, or a tick repeated after a restart, queue
// it once; the outbox sender then delivers it.
import type { ServiceContext } from '../services/context';
import { ukDate } from '../domain/dates';
import { applyRetention } from '../services/dataProtection';
import { queueDueDigests, queueDueReminders } from '../services/digest';
import { pruneOutbox, sweepHeldMessages } from '../services/outbox';
import { chaseUndecidedMoves } from '../services/moveChasing';
import { askForPlanRevisions } from '../services/placementPlan';

export interface SchedulerOptions {
  /** How often to look (default one minute). */
  tickMs?: number;
  /** Remove closed records' free text after this many days (unset: kept). */
  retentionDays?: number;
  /** Remove delivered and failed outbox messages after this many days (default 30), so the outbox stays bounded. */
  outboxRetentionDays?: number;
}

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly tickMs: number;
  private readonly retentionDays: number | undefined;
  private readonly outboxRetentionDays: number;
  private retentionDoneOn: string | null = null;
  private planRevisionsDoneOn: string | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    options: SchedulerOptions = {},
  ) {
    this.tickMs = options.tickMs ?? 60_000;
    this.retentionDays = options.retentionDays;
    this.outboxRetentionDays = options.outboxRetentionDays ?? 30;
  }

  start(): void {
    this.stopped = false;
    // The first tick runs at once, so a digest missed while the bot was down goes out at start.
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass; returns what was queued. */
  async tick(): Promise<{ digests: number; reminders: number; chased: { reminded: number; escalated: number } }> {
    const digests = await queueDueDigests(this.ctx);
    const reminders = await queueDueReminders(this.ctx);
    if (digests || reminders) this.ctx.log.info({ digests, reminders }, 'queued scheduled messages');
    // Move requests waiting too long for a decision: a reminder, then escalation (each once).
    const chased = await chaseUndecidedMoves(this.ctx);
    if (chased.reminded || chased.escalated) this.ctx.log.info(chased, 'undecided move requests chased');
    const held = await sweepHeldMessages(this.ctx);
    if (held.released || held.expired) this.ctx.log.info(held, 'held messages released or given up');
    const pruned = await pruneOutbox(this.ctx, this.outboxRetentionDays);
    if (pruned) this.ctx.log.info({ pruned }, 'outbox: removed delivered and failed messages past their retention');
    const today = ukDate(this.ctx.now());
    // PLAN-2: revisions of placement plans falling due, once a day (each asked once: fixed ids).
    if (this.planRevisionsDoneOn !== today) {
      const asked = await askForPlanRevisions(this.ctx);
      this.planRevisionsDoneOn = today;
      if (asked) this.ctx.log.info({ asked }, 'placement plan revisions asked for');
    }
    // Retention once a day; it is idempotent, so two processes doing it is harmless.
    if (this.retentionDays && this.retentionDoneOn !== today) {
      const removed = await applyRetention(this.ctx, this.retentionDays);
      this.retentionDoneOn = today;
      if (Object.values(removed).some((n) => n > 0)) this.ctx.log.info(removed, 'retention: free text removed from closed records');
    }
    return { digests, reminders, chased };
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick()
        .then(() => undefined)
        .catch((err) => this.ctx.log.warn({ err: String(err) }, 'scheduler tick failed; will try again'))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.schedule(this.tickMs);
        });
    }, ms);
    this.timer.unref();
  }
}
