/** Small status pieces shared by the lists and the case page: status tag, due chip, waiting-on line. */
import type { CaseStatus, WaitingOn } from '../../../src/contracts/initiative';
import { dueLabel, formatDate, daysUntil, humanizeDates } from '../format';
import { ROLE_VI, STATUS_VI } from '../labels';

export function StatusTag({ status }: { status: CaseStatus }) {
  const tone =
    status === 'COMPLETED' ? 'ok' : status === 'OPEN' ? 'info' : status === 'REVOKED' ? 'bad' : 'muted';
  return <span className={`tag ${tone === 'info' ? '' : `tag-${tone}`}`}>{STATUS_VI[status]}</span>;
}

/** Due date with words: "Quá hạn 3 ngày", "Còn 2 ngày" (colour repeats what the words say). */
export function DueChip({ dueAt, overdue }: { dueAt: string | null | undefined; overdue?: boolean }) {
  if (!dueAt) return <span className="tag tag-muted">Không có hạn</span>;
  const late = overdue ?? daysUntil(dueAt) < 0;
  const soon = !late && daysUntil(dueAt) <= 2;
  return (
    <span className={`tag ${late ? 'tag-bad' : soon ? 'tag-warn' : 'tag-ok'}`}>
      {dueLabel(dueAt)} · hạn {formatDate(dueAt)}
    </span>
  );
}

/** "Đang chờ: Thư ký Hội đồng — …" */
export function waitingText(w: WaitingOn | null | undefined): string {
  if (!w) return 'Không chờ ai';
  const who = w.assignee ? w.assignee.fullName : ROLE_VI[w.role];
  return `${who}: ${humanizeDates(w.description)}`;
}
