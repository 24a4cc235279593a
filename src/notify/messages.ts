/**
 * What a case's write tells people (issue: notifications): the task given to whoever must act next, reminders and
 * escalations, and each decision on the case to its filer and authors. Pure: from a batch of legal-record entries
 * and the case, the notifications, each keyed by its event so a retried write adds none. Texts are built from named
 * fields only (title, code, register number, dates, reasons): no score, no confidential part of a dossier.
 */
import type { InitiativeState } from '../contracts/initiative';
import type { LegalEntryDraft, TaskDraft } from '../contracts/records';
import { vnDueDay } from '../domain/duration';

/** Who a notification is for: named people, or whoever holds a role in a scope (resolved when it is written). */
export interface Audience {
  role?: string;
  unitId?: string;
  councilId?: string;
  personIds?: string[];
}

export type NotificationKind = 'TASK' | 'REMINDER' | 'ESCALATED' | 'DECISION';

/** A notification as a case's write produces it. */
export interface NotificationDraft {
  /** The event's key: the notification's `_id`, and the root of each delivery's key and message id. */
  key: string;
  kind: NotificationKind;
  /** The legal-record entry kind behind it (`TASK` for a task). */
  event: string;
  to: Audience;
  /** The line people see in the app and as the mail's subject after the case's name. */
  headline: string;
  /** What to do or what happened, one line each. */
  lines: string[];
  /** By when (ISO), when there is something to do. */
  dueAt: string | null;
  at: string;
}

/** The case a batch belongs to, as far as a message names it. */
export interface CaseRef {
  initiativeId: string;
  code: string | null;
  title: string;
}

/** Decisions its filer and authors hear about, with the headline of each. */
const DECISIONS: Record<string, string> = {
  AMENDMENT_REQUESTED: 'Hồ sơ cần bổ sung',
  REGISTERED: 'Hồ sơ đã được tiếp nhận và vào sổ',
  NOT_ACCEPTED: 'Hồ sơ không được tiếp nhận',
  UNIT_DECLINED: 'Đơn vị không đề nghị xét sáng kiến',
  RECOGNISED: 'Sáng kiến đã được công nhận',
  REFUSED: 'Sáng kiến không được công nhận',
  REVOKED: 'Quyết định công nhận sáng kiến đã bị hủy bỏ',
};

/** The date a person reads, or a dash. */
export function dueDay(iso: string | null | undefined): string {
  return iso ? vnDueDay(Date.parse(iso)) : '—';
}

/** People a decision on the case goes to: the filer and every author with an account, once each. */
export function filerAndAuthors(s: Pick<InitiativeState, 'filedBy' | 'dossier'>): string[] {
  const ids = [s.filedBy.personId, ...s.dossier.authors.flatMap((a) => (a.personId ? [a.personId] : []))];
  return [...new Set(ids)];
}

interface DocRef {
  kind: string;
  number: string | null;
}

/** The lines of a decision's message: what happened and what it means for the author, from named fields only. */
function decisionLines(e: LegalEntryDraft, s: InitiativeState | undefined): string[] {
  const d = e.details;
  const lines: string[] = [];
  switch (e.kind) {
    case 'AMENDMENT_REQUESTED': {
      const items = Array.isArray(d['items']) ? (d['items'] as string[]) : [];
      lines.push('Nội dung cần bổ sung:', ...items.map((i) => `- ${i}`));
      break;
    }
    case 'REGISTERED':
      lines.push(
        `Số vào sổ tiếp nhận: ${(d['registerNo'] as string | undefined) ?? ''}`,
        `Hẹn trả kết quả trước ngày: ${dueDay(d['expectedReplyBy'] as string | undefined)}`,
      );
      break;
    case 'RECOGNISED':
      lines.push(`Người ký: ${(d['signer'] as string | undefined) ?? ''}`);
      break;
    default:
      // A refusal, a return or a revocation: its summary is the reasons as the decider wrote them.
      lines.push(e.summary);
  }
  const docs = Array.isArray(d['documents']) ? (d['documents'] as DocRef[]) : [];
  const numbered = docs.filter((x) => x.number);
  if (numbered.length) lines.push(`Văn bản đã ban hành: ${numbered.map((x) => `số ${x.number}`).join(', ')}`);
  if (e.kind === 'AMENDMENT_REQUESTED' && s?.deadline?.dueAt)
    lines.push(`Hạn bổ sung: ${dueDay(s.deadline.dueAt)}`);
  return lines;
}

/**
 * The notifications of one batch: one per decision entry (to the filer and authors), reminder and escalation, and
 * one for the task when it is new. A task whose people already hear of the decision that gave it (a return for
 * amendment) is not announced twice.
 */
export function notificationsOf(input: {
  caseId: string;
  state: InitiativeState | undefined;
  entries: readonly LegalEntryDraft[];
  /** The task, when this write gives it (a new key); null otherwise. */
  newTask: TaskDraft | null;
}): NotificationDraft[] {
  const out: NotificationDraft[] = [];
  const s = input.state;
  const told = new Set<string>();
  for (const e of input.entries) {
    const key = `${input.caseId}:${e.seq}`;
    if (e.kind === 'REMINDER' || e.kind === 'ESCALATED') {
      const waitingOn = e.details['waitingOn'] as Audience | null | undefined;
      const to: Audience =
        e.kind === 'ESCALATED' ? { role: 'SUPERVISOR' } : (waitingOn ?? { role: 'SUPERVISOR' });
      out.push({
        key,
        kind: e.kind,
        event: e.kind,
        to: pickAudience(to),
        headline: e.kind === 'REMINDER' ? 'Nhắc việc' : 'Hồ sơ quá hạn xử lý',
        lines: [e.summary],
        dueAt: s?.deadline?.dueAt ?? null,
        at: e.at,
      });
    }
    if (e.kind === 'REASSIGNED' && s) {
      // The step keeps its task (and its key): the person it now goes to is told here.
      const to = e.details['to'] as { personId: string } | undefined;
      if (to?.personId)
        out.push({
          key,
          kind: 'TASK',
          event: e.kind,
          to: { personIds: [to.personId] },
          headline: 'Việc được chuyển cho anh/chị xử lý',
          lines: [
            s.waitingOn?.description ?? '',
            `Lý do: ${(e.details['reason'] as string | undefined) ?? ''}`,
          ],
          dueAt: s.deadline?.dueAt ?? null,
          at: e.at,
        });
    }
    const headline = DECISIONS[e.kind];
    if (headline && s) {
      const personIds = filerAndAuthors(s);
      personIds.forEach((p) => told.add(p));
      out.push({
        key,
        kind: 'DECISION',
        event: e.kind,
        to: { personIds },
        headline,
        lines: decisionLines(e, s),
        dueAt: e.kind === 'AMENDMENT_REQUESTED' ? (s.deadline?.dueAt ?? null) : null,
        at: e.at,
      });
    }
  }
  const t = input.newTask;
  if (t) {
    const named = t.assignee ? [t.assignee.personId] : (t.personIds ?? []);
    const rest = named.filter((p) => !told.has(p));
    if (named.length === 0 || rest.length > 0) {
      out.push({
        key: `task:${t.key}${t.assignee ? `:${t.assignee.personId}` : ''}`,
        kind: 'TASK',
        event: 'TASK',
        to: named.length
          ? { personIds: rest }
          : pickAudience({ role: t.role, unitId: t.unitId, councilId: t.councilId }),
        headline: 'Việc cần làm',
        lines: [t.description],
        dueAt: t.dueAt,
        at: input.entries.at(-1)?.at ?? new Date().toISOString(),
      });
    }
  }
  return out;
}

function pickAudience(a: Audience): Audience {
  return {
    ...(a.role ? { role: a.role } : {}),
    ...(a.unitId ? { unitId: a.unitId } : {}),
    ...(a.councilId ? { councilId: a.councilId } : {}),
    ...(a.personIds?.length ? { personIds: a.personIds } : {}),
  };
}

/** A message as a channel sends it. */
export interface Message {
  subject: string;
  text: string;
  link: string;
}

/** The mail (or webhook text) of one notification to one person, in Vietnamese. */
export function messageOf(
  n: Pick<NotificationDraft, 'headline' | 'lines' | 'dueAt'>,
  c: CaseRef,
  person: { fullName: string },
  site: { baseUrl: string; commune: string },
): Message {
  const link = `${site.baseUrl}/ho-so/${encodeURIComponent(c.initiativeId)}`;
  const name = c.code ? `${c.code} – ${c.title}` : c.title;
  const text = [
    `Kính gửi ${person.fullName},`,
    '',
    `${n.headline}.`,
    `Hồ sơ sáng kiến: ${name}`,
    ...n.lines,
    ...(n.dueAt ? [`Hạn xử lý: ${dueDay(n.dueAt)}`] : []),
    `Xem hồ sơ: ${link}`,
    '',
    signature(site),
  ].join('\n');
  return { subject: `[Sáng kiến] ${n.headline}: ${truncate(name, 120)}`, text, link };
}

/** One daily mail that lists a person's notifications of the day. */
export function digestOf(
  items: readonly { headline: string; case: CaseRef; dueAt: string | null }[],
  person: { fullName: string },
  site: { baseUrl: string; commune: string },
  day: string,
): Message {
  const link = `${site.baseUrl}/`;
  const lines = items.map((i) => {
    const name = i.case.code ? `${i.case.code} – ${i.case.title}` : i.case.title;
    const due = i.dueAt ? ` (hạn ${dueDay(i.dueAt)})` : '';
    return `- ${i.headline}: ${name}${due}\n  ${site.baseUrl}/ho-so/${encodeURIComponent(i.case.initiativeId)}`;
  });
  const text = [
    `Kính gửi ${person.fullName},`,
    '',
    `Tổng hợp thông báo về sáng kiến ngày ${day} (${items.length} thông báo):`,
    ...lines,
    '',
    `Việc cần làm của anh/chị: ${link}`,
    '',
    signature(site),
  ].join('\n');
  return { subject: `[Sáng kiến] Tổng hợp thông báo ngày ${day}`, text, link };
}

function signature(site: { baseUrl: string; commune: string }): string {
  return [
    '--',
    `Hệ thống quản lý sáng kiến – UBND xã ${site.commune}`,
    'Thư gửi tự động, xin đừng trả lời thư này.',
    `Đổi cách nhận thông báo: ${site.baseUrl}/ca-nhan`,
  ].join('\n');
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
