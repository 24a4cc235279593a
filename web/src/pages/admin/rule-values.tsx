/** A rule pack's figures in words: which keys the form covers, and how each value and its basis read. */
import type { ReactNode } from 'react';
import type { Basis, RewardLevel, RubricCriterion, RulePack } from '../../../../src/domain/rule-pack';
import type { Duration, HolidayTable } from '../../../../src/domain/duration';
import { formatDate, formatMoney, formatNumber } from '../../format';
import { DURATION_UNIT_VI, RULE_VI, VERDICT_VI } from '../../labels';

/** The figures the publish form covers (the voting mode and the likely-duplicate rule are edited through the API). */
export type RuleKey = keyof typeof RULE_VI;
export const RULE_KEYS = Object.keys(RULE_VI) as RuleKey[];
export const FRACTION_KEYS = new Set<RuleKey>(['quorumFraction', 'approvalFraction', 'provincialShare']);

/** A pack with the figures older versions lack filled in as they apply to them (src/domain/rule-pack.ts). */
export type CompletePack = RulePack & { yearRoundFiling: NonNullable<RulePack['yearRoundFiling']> };
export function completePack(p: RulePack): CompletePack {
  return {
    yearRoundFiling: {
      value: true,
      basis: { kind: 'policy', note: 'trước khi có đợt xét: nhận hồ sơ quanh năm' },
    },
    ...p,
  };
}

export function isDuration(v: unknown): v is Duration {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && ['workingDays', 'days', 'months', 'seconds'].includes(keys[0]!);
}
export type DurationUnit = keyof typeof DURATION_UNIT_VI;
function durationVi(d: Duration): string {
  const [unit, n] = Object.entries(d)[0] as [DurationUnit, number];
  return `${formatNumber(n)} ${DURATION_UNIT_VI[unit]}`;
}
const percent = (f: number) => `${formatNumber(Math.round(f * 10000) / 100)}%`;

export function ruleValueVi(key: RuleKey, value: unknown): ReactNode {
  if (isDuration(value)) return durationVi(value);
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') return FRACTION_KEYS.has(key) ? percent(value) : formatNumber(value);
  if (key === 'reminderFractions') return (value as number[]).map(percent).join(', ');
  if (key === 'replicationCheckpoints') return (value as Duration[]).map(durationVi).join('; ');
  if (key === 'rubric')
    return (
      <ul className="plain">
        {(value as RubricCriterion[]).map((c) => (
          <li key={c.key}>
            {c.label}: tối đa {formatNumber(c.max)} điểm
          </li>
        ))}
      </ul>
    );
  if (key === 'rewardLevels')
    return (
      <ul className="plain">
        {(value as RewardLevel[]).map((l) => (
          <li key={l.key}>
            {l.label}: từ {formatNumber(l.minScore)} điểm, {VERDICT_VI[l.verdict]}, {formatMoney(l.amountVnd)}
          </li>
        ))}
      </ul>
    );
  if (key === 'remuneration') {
    const r = value as RulePack['remuneration']['value'];
    return `${formatNumber(r.percentOfBenefit)}% số tiền làm lợi mỗi năm, trong ${formatNumber(r.years)} năm, trả trong ${durationVi(r.payWithin)}`;
  }
  if (key === 'holidays')
    return (
      <ul className="plain">
        {Object.entries(value as HolidayTable).map(([year, days]) => (
          <li key={year}>
            Năm {year}: {days.length} ngày ({days.map((d) => formatDate(d)).join(', ')})
          </li>
        ))}
      </ul>
    );
  return <code>{JSON.stringify(value)}</code>;
}

export function basisVi(b: Basis | undefined): string {
  if (!b) return '—';
  if (b.kind === 'legal')
    return `Văn bản pháp luật: ${b.source} (${b.confidence === 'V' ? 'đã đối chiếu văn bản gốc' : 'theo nguồn thứ cấp'})`;
  return `Chính sách của xã: ${b.note}`;
}
