/**
 * Reminders to pay the authors' remuneration (src/domain/remuneration.ts): the head of the investing unit is told
 * the rule pack's lead (14 days by default) before a year's payment falls due and again once it is overdue, while it is not paid in full. Each reminder
 * is keyed by case, year and kind, so a second pass, a retry or a restarted worker never sends it twice (the notifier
 * writes a key once). Runs in the worker process beside the sender, once an hour; `runOnce(now)` takes the clock.
 */
import type { CaseRecord, CaseRepository } from '../db/cases';
import { ledgerEntries, type RemunerationRepository } from '../db/remuneration';
import { formatVnd, ledgerOf, payeesOf, REMUNERATION_BASIS, type ScheduleYear } from '../domain/remuneration';
import { remindersDue, type DueReminder } from '../domain/remuneration-checks';
import type { Logger } from '../logger';
import { dueDay, type NotificationDraft } from './messages';
import type { Notifier } from './notifier';

/** How often the worker looks for payments falling due. */
export const REMUNERATION_CHECK_MS = 3_600_000;

/** The notification of one reminder, addressed to the head of the case's unit. Pure. */
export function remunerationReminderDraft(
  caseId: string,
  unitId: string,
  r: DueReminder,
  at: Date,
): NotificationDraft {
  const overdue = r.kind === 'OVERDUE';
  return {
    key: `remuneration:${caseId}:${r.year}:${r.kind}`,
    kind: 'REMINDER',
    event: overdue ? 'REMUNERATION_OVERDUE' : 'REMUNERATION_DUE_SOON',
    to: { role: 'UNIT_HEAD', unitId },
    headline: overdue ? 'Quá hạn chi trả thù lao cho tác giả' : 'Sắp đến hạn chi trả thù lao cho tác giả',
    lines: [
      `Thù lao năm áp dụng thứ ${r.year}: hạn chi trả ${dueDay(r.dueBy)}${overdue ? ' (đã quá hạn)' : ''}.`,
      r.outstandingVnd === null
        ? 'Đơn vị chưa xác định số tiền thù lao của năm (theo tiền làm lợi, hoặc mức lương làm căn cứ khi không tính được tiền làm lợi).'
        : `Số còn phải trả: ${formatVnd(r.outstandingVnd)}.`,
      `Căn cứ: ${REMUNERATION_BASIS.dueDate}`,
    ],
    dueAt: r.dueBy,
    at: at.toISOString(),
  };
}

type Scanned = Pick<CaseRecord, '_id' | 'unitId' | 'status'> & {
  state?: {
    remunerationSchedule?: ScheduleYear[];
    dossier?: { authors?: { personId?: string; fullName: string; sharePercent: number }[] };
    decision?: { decidedAt?: string } | null;
  };
};

/** The periodic job. */
export class RemunerationReminders {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: {
      cases: CaseRepository;
      remuneration: RemunerationRepository;
      notifier: Notifier;
      /** Called when reminders were queued (wakes the sender). */
      onQueued?: () => void;
    },
    private readonly logger: Logger,
    private readonly intervalMs = REMUNERATION_CHECK_MS,
  ) {}

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((err: unknown) => this.logger.warn({ err }, 'remuneration reminders pass failed'))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.intervalMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** One pass at `now`: the reminders every recognised case with a schedule calls for. Returns how many were due. */
  async runOnce(now = new Date()): Promise<number> {
    const cases = await this.deps.cases.model
      .find(
        { decisionOutcome: 'RECOGNISED' },
        {
          unitId: 1,
          status: 1,
          'state.remunerationSchedule': 1,
          'state.dossier.authors': 1,
          'state.decision.decidedAt': 1,
        },
      )
      .lean<Scanned[]>()
      .exec();
    let due = 0;
    for (const c of cases) {
      if (this.stopped) break;
      const schedule = c.state?.remunerationSchedule ?? [];
      // A revoked recognition owes nothing further.
      if (schedule.length === 0 || c.status === 'REVOKED') continue;
      const ledger = ledgerOf({
        schedule,
        payees: payeesOf(c.state?.dossier?.authors ?? []),
        decidedAt: c.state?.decision?.decidedAt ?? null,
        entries: ledgerEntries(await this.deps.remuneration.list(c._id)),
        now: now.getTime(),
      });
      const drafts = remindersDue(ledger).map((r) => remunerationReminderDraft(c._id, c.unitId, r, now));
      if (drafts.length === 0) continue;
      due += drafts.length;
      await this.deps.notifier.recordDrafts({
        caseId: c._id,
        initiativeId: c._id,
        state: undefined,
        drafts,
      });
    }
    if (due > 0) this.deps.onQueued?.();
    return due;
  }
}
