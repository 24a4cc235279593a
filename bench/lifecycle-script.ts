/** What one benchmark life cycle sends (bench/lifecycles.ts): the fast rule pack, the people, the decisions in order. */
import type { Duration } from '../src/domain/duration';
import { fastPack } from '../test/support/lifecycle';

const s = (seconds: number): Duration => ({ seconds });
/**
 * The process's own waits, shortened: 2 s of effect tracking, follow-up checkpoints 15 s and 18 s after the decision
 * (long enough for both adopting units to confirm on a loaded 2-core machine, so every case ends the same way; the
 * pool is wide enough that these waits overlap with other cases' work).
 */
export const PACK = {
  ...fastPack({ replicationCheckpoints: [s(15), s(18)] }),
  version: 'bench-fast',
  effectiveFrom: new Date(Date.now() - 1000).toISOString(),
};
export const BUILT_IN_WAIT_S = 2 + 18;

export const USERS = [
  'quantri',
  'giaovien.thcs',
  'hieutruong.thcs',
  'thuky',
  'chutich',
  'phochutich',
  'uyvien1',
  'uyvien2',
  'giamsat',
  'truongtram.yte',
  'hieutruong.mamnon',
] as const;
export type User = (typeof USERS)[number];

/** One message of a life cycle: who sends which decision with what body (the baseline sends the same ones). */
export interface Message {
  user: User;
  action: string;
  body: unknown;
}

const scores = { novelty: 27, applicability: 26, effect: 28, replicability: 9 };
const today = () => new Date().toISOString().slice(0, 10);

/** The decisions of one life cycle, in order; 'await-confirmation' marks where the driver waits for tracking to end. */
export function script(): (Message | 'await-confirmation')[] {
  return [
    {
      user: 'hieutruong.thcs',
      action: 'unit-review',
      body: { outcome: 'ENDORSE', confirmedApplication: true },
    },
    { user: 'thuky', action: 'registration', body: {} },
    { user: 'thuky', action: 'formal-check', body: { outcome: 'ACCEPT' } },
    { user: 'chutich', action: 'council', body: { councilId: 'hdsk-2026' } },
    ...(['uyvien1', 'uyvien2', 'thuky', 'chutich'] as const).map((user) => ({
      user,
      action: 'scores',
      body: { scores },
    })),
    {
      user: 'thuky',
      action: 'meeting',
      body: {
        present: ['p-chutich', 'p-thuky', 'p-uyvien1', 'p-uyvien2'],
        votes: { 'p-chutich': 'AGREE', 'p-thuky': 'AGREE', 'p-uyvien1': 'AGREE', 'p-uyvien2': 'AGREE' },
        proposedScope: 'UNIT',
        minutes: 'Hội đồng nhất trí đề nghị công nhận.',
      },
    },
    {
      user: 'hieutruong.thcs',
      action: 'effect-reports',
      body: {
        periodEnd: today(),
        metrics: [{ name: 'Thời gian gửi thông báo', unit: 'giờ/tuần', baseline: 6, value: 1 }],
        monetaryBenefitVnd: 4_800_000,
        evidenceRefs: ['anh-chup-ung-dung.png'],
      },
    },
    'await-confirmation',
    {
      user: 'hieutruong.thcs',
      action: 'effect-confirmation',
      body: { verdict: 'EFFECTIVE', summary: 'Phụ huynh nhận thông tin kịp thời.' },
    },
    { user: 'phochutich', action: 'decision', body: { outcome: 'RECOGNISE', signerTitle: 'PHO_CHU_TICH' } },
    {
      user: 'chutich',
      action: 'replication',
      body: { unitIds: ['tram-y-te', 'truong-mam-non'], similarUnitsTotal: 3 },
    },
    ...(
      [
        ['truongtram.yte', 'tram-y-te'],
        ['hieutruong.mamnon', 'truong-mam-non'],
      ] as const
    ).flatMap(([user, unit]) => [
      {
        user,
        action: `replications/${unit}/plan`,
        body: { startDate: '2026-11-01', plan: 'Áp dụng cho toàn đơn vị' },
      },
      {
        user,
        action: `replications/${unit}/reports`,
        body: { periodEnd: today(), metrics: [{ name: 'Thời gian', unit: 'giờ', baseline: 5, value: 2 }] },
      },
      {
        user,
        action: `replications/${unit}/confirmation`,
        body: { verdict: 'EFFECTIVE', summary: 'Hiệu quả' },
      },
    ]),
  ];
}

export const dossier = (i: number) => ({
  title: `Sổ liên lạc điện tử ${i}`,
  unitId: 'truong-thcs',
  field: 'Giáo dục',
  firstAppliedOn: new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10),
  summary: 'Gửi thông báo, điểm và lịch học qua ứng dụng thay cho sổ giấy.',
  authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
});
