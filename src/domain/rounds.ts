/**
 * Rounds (đợt xét): the administrator opens an intake window over some units or fields, pinned to a rule pack; a
 * filing goes into the open round that covers it, or, where the commune's pack allows filing all year, into the
 * year's standing round. Pure rules: which round takes a filing, and what a person is told when none does.
 */
import { foldVietnamese } from './text';

/** A round as stored and shown. Dates are Vietnam calendar days (YYYY-MM-DD), both ends included. */
export interface Round {
  id: string;
  name: string;
  opensOn: string;
  closesOn: string;
  /** Units it takes filings from; empty: every unit. */
  unitIds: string[];
  /** Fields of application it takes (compared without accents or case); empty: every field. */
  fields: string[];
  /** The rule pack its cases are pinned to; null: the pack in force at filing. */
  rulePackVersion: string | null;
  /** The last day it took filings, when the administrator closed it early (before its first day: cancelled). */
  closedEarlyOn: string | null;
}

/** A round's place in time on a given day. */
export type RoundStatus = 'UPCOMING' | 'OPEN' | 'CLOSED';

/** The last day a round takes filings: its close date, or the day it was closed early. */
export function lastDayOf(r: Pick<Round, 'closesOn' | 'closedEarlyOn'>): string {
  return r.closedEarlyOn && r.closedEarlyOn < r.closesOn ? r.closedEarlyOn : r.closesOn;
}

/** Whether a round takes filings on `day`, is still to open, or is over. */
export function roundStatus(
  r: Pick<Round, 'opensOn' | 'closesOn' | 'closedEarlyOn'>,
  day: string,
): RoundStatus {
  if (day > lastDayOf(r)) return 'CLOSED';
  return day < r.opensOn ? 'UPCOMING' : 'OPEN';
}

/** Whether a round's scope covers a unit and a field of application. */
export function covers(r: Pick<Round, 'unitIds' | 'fields'>, unitId: string, field: string): boolean {
  if (r.unitIds.length > 0 && !r.unitIds.includes(unitId)) return false;
  if (r.fields.length === 0) return true;
  const f = foldVietnamese(field).trim();
  return r.fields.some((x) => foldVietnamese(x).trim() === f);
}

/** The id of a year's standing round, which takes filings all year where the pack allows it. */
export const standingRoundId = (year: number): string => `thuong-xuyen-${year}`;

/** The standing round of a year (never stored: it exists where the pack allows year-round filing). */
export function standingRound(year: number): Round {
  return {
    id: standingRoundId(year),
    name: `Xét thường xuyên năm ${year}`,
    opensOn: `${year}-01-01`,
    closesOn: `${year}-12-31`,
    unitIds: [],
    fields: [],
    rulePackVersion: null,
    closedEarlyOn: null,
  };
}

/** Where a filing goes: a round, or a refusal in words the filer reads. */
export type Placement = { round: Round } | { refused: { code: 'NO_OPEN_ROUND'; message: string } };

const dmy = (d: string) => d.split('-').reverse().join('/');

/**
 * The round a filing on `day` from `unitId` in `field` goes into: the open round covering it that opened last (ties:
 * the smaller id), else the standing round where year-round filing is allowed, else a refusal naming the next round
 * that will take it, if any.
 */
export function placeFiling(
  rounds: readonly Round[],
  day: string,
  unitId: string,
  field: string,
  yearRound: boolean,
): Placement {
  const mine = rounds.filter((r) => covers(r, unitId, field));
  const open = mine
    .filter((r) => roundStatus(r, day) === 'OPEN')
    .sort((a, b) => b.opensOn.localeCompare(a.opensOn) || a.id.localeCompare(b.id));
  if (open[0]) return { round: open[0] };
  if (yearRound) return { round: standingRound(Number(day.slice(0, 4))) };
  const next = mine
    .filter((r) => roundStatus(r, day) === 'UPCOMING')
    .sort((a, b) => a.opensOn.localeCompare(b.opensOn))[0];
  const then = next
    ? ` ${next.name} nhận hồ sơ từ ${dmy(next.opensOn)} đến ${dmy(lastDayOf(next))}.`
    : ' Vui lòng lưu bản nháp và nộp khi xã mở đợt xét mới.';
  return {
    refused: {
      code: 'NO_OPEN_ROUND',
      message: `Hiện không có đợt xét sáng kiến nào đang nhận hồ sơ của đơn vị này trong lĩnh vực "${field}".${then}`,
    },
  };
}

/** Problems with a round's window or scope, in Vietnamese; empty when it can be saved. */
export function roundProblems(r: Pick<Round, 'name' | 'opensOn' | 'closesOn'>): string[] {
  const problems: string[] = [];
  if (r.name.trim() === '') problems.push('Thiếu tên đợt xét.');
  if (r.closesOn < r.opensOn) problems.push('Ngày kết thúc nhận hồ sơ phải từ ngày bắt đầu trở đi.');
  if (r.opensOn.slice(0, 4) !== r.closesOn.slice(0, 4))
    problems.push('Một đợt xét nằm trong một năm: ngày bắt đầu và ngày kết thúc phải cùng năm.');
  return problems;
}
