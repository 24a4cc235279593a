/**
 * Writes a case's notifications with the rest of its record: the in-app notification and, for each person it reaches
 * and each channel they have not turned off, a delivery in the outbox (src/db/outbox.ts). Keyed by event, person and
 * channel: a retried write adds nothing. The sender (src/notify/sender.ts) delivers them.
 */
import type { InitiativeState } from '../contracts/initiative';
import type { LegalEntryDraft, TaskDraft } from '../contracts/records';
import { COMMUNE_WIDE_ROLES } from '../domain/access';
import { modeOf, type Channel, type DirectoryRepository, type PersonRecord } from '../db/directory';
import type { OutboxRepository } from '../db/outbox';
import type { TaskRepository } from '../db/tasks';
import { isDuplicateKeyError } from '../db/cases';
import { messageOf, notificationsOf, type Audience, type CaseRef, type NotificationDraft } from './messages';

/** Where links in messages point and whose name they carry. */
export interface Site {
  baseUrl: string;
  commune: string;
}

type Recipient = Pick<
  PersonRecord,
  '_id' | 'fullName' | 'roles' | 'unitIds' | 'councilIds' | 'email' | 'phone' | 'notify'
>;

/** Whether a person is among those a notification is addressed to. */
export function reaches(
  p: Pick<PersonRecord, '_id' | 'roles' | 'unitIds' | 'councilIds'>,
  to: Audience,
): boolean {
  if (to.personIds?.length) return to.personIds.includes(p._id);
  if (!to.role || !p.roles.includes(to.role as never)) return false;
  if (COMMUNE_WIDE_ROLES.includes(to.role as never)) return true;
  if (to.councilId) return p.councilIds.includes(to.councilId);
  return to.unitId !== undefined && p.unitIds.includes(to.unitId);
}

/** The address of a person on a channel, or null when they cannot be reached there. */
function addressOn(p: Recipient, channel: Channel): string | null {
  if (channel === 'email') return p.email ?? null;
  return p.phone ?? p._id;
}

export class Notifier {
  constructor(
    private readonly deps: {
      directory: DirectoryRepository;
      outbox: OutboxRepository;
      tasks: TaskRepository;
    },
    private readonly site: Site,
    /** The channels this deployment delivers through (the webhook only when configured). */
    private readonly channels: readonly Channel[],
  ) {}

  /** Writes the notifications of one batch of a case's entries; `newTask` is the task this write gives, if new. */
  async record(input: {
    caseId: string;
    initiativeId: string;
    state: InitiativeState | undefined;
    entries: readonly LegalEntryDraft[];
    newTask: TaskDraft | null;
  }): Promise<number> {
    return this.recordDrafts({ ...input, drafts: notificationsOf(input) });
  }

  /**
   * Writes notifications already drafted (a case's write, or a reminder of the worker's own jobs such as the
   * remuneration reminders): each once, by its key. Returns how many there were.
   */
  async recordDrafts(input: {
    caseId: string;
    initiativeId: string;
    state: InitiativeState | undefined;
    drafts: readonly NotificationDraft[];
  }): Promise<number> {
    const drafts = input.drafts;
    if (drafts.length === 0) return 0;
    const ref = await this.caseRef(input.initiativeId, input.state);
    let people: Recipient[] | undefined;
    for (const n of drafts) {
      // The in-app notification is written last: once it exists, every delivery it needs exists too.
      if (await this.deps.tasks.notifications.exists({ _id: n.key })) continue;
      people ??= await this.deps.directory.people.find({ active: true }).lean<Recipient[]>().exec();
      for (const p of people.filter((x) => reaches(x, n.to))) await this.deliver(n, ref, p);
      try {
        await this.deps.tasks.notifications.create({
          _id: n.key,
          caseId: input.caseId,
          initiativeId: input.initiativeId,
          kind: n.kind,
          to: n.to,
          message: `${n.headline}: ${n.lines.join(' ')}`,
          at: new Date(n.at),
          read: false,
        });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    return drafts.length;
  }

  private async deliver(n: NotificationDraft, ref: CaseRef, p: Recipient): Promise<void> {
    const message = messageOf(n, ref, p, this.site);
    for (const channel of this.channels) {
      const mode = modeOf(p, channel);
      const address = addressOn(p, channel);
      if (mode === 'OFF' || !address) continue;
      await this.deps.outbox.add({
        _id: `${n.key}|${p._id}|${channel}`,
        notificationId: n.key,
        initiativeId: ref.initiativeId,
        personId: p._id,
        fullName: p.fullName,
        channel,
        address,
        kind: n.kind,
        headline: n.headline,
        caseRef: ref,
        dueAt: n.dueAt,
        subject: message.subject,
        text: message.text,
        link: message.link,
        digest: mode === 'DIGEST',
      });
    }
  }

  private async caseRef(initiativeId: string, s: InitiativeState | undefined): Promise<CaseRef> {
    if (s) return { initiativeId, code: s.code ?? null, title: s.dossier.title };
    const c = await this.deps.tasks.notifications.db
      .collection<{ _id: string; code?: string | null; title?: string }>('cases')
      .findOne({ _id: initiativeId }, { projection: { code: 1, title: 1 } });
    return { initiativeId, code: c?.code ?? null, title: c?.title ?? initiativeId };
  }
}
