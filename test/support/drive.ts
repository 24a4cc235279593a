/** Drives a case to a given step with the decisions users would send (shared by the life-cycle tests). */
import type { Client, WorkflowHandle } from '@temporalio/client';
import {
  confirmEffectUpdate,
  decideRecognitionUpdate,
  formalCheckUpdate,
  formCouncilUpdate,
  recordMeetingUpdate,
  registerDossierUpdate,
  submitEffectReportUpdate,
  submitScoresUpdate,
  unitReviewUpdate,
  type InitiativeState,
} from '../../src/contracts/initiative';
import {
  confirmAdoptionUpdate,
  replicationWorkflowId,
  submitAdoptionPlanUpdate,
  submitAdoptionReportUpdate,
  type ReplicationState,
} from '../../src/contracts/replication';
import { councilMembers, decide, goodScores, people, waitFor } from './lifecycle';

/** Unit endorsement, registration and acceptance: the case waits for its council. */
export async function toCouncilFormation(h: WorkflowHandle): Promise<InitiativeState> {
  await decide(h, unitReviewUpdate, {
    actor: people.unitHead,
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  await decide(h, registerDossierUpdate, { actor: people.secretary });
  return decide(h, formalCheckUpdate, { actor: people.secretary, outcome: 'ACCEPT' });
}

/** …then the council is formed (the author on it is recused): the case waits for scores. */
export async function toScoring(h: WorkflowHandle): Promise<InitiativeState> {
  await toCouncilFormation(h);
  return decide(h, formCouncilUpdate, {
    actor: people.chairman,
    councilId: 'hdsk-2026',
    members: councilMembers,
  });
}

/** …then the four non-recused members score: the case waits for the meeting. */
export async function toMeeting(h: WorkflowHandle): Promise<InitiativeState> {
  await toScoring(h);
  let st!: InitiativeState;
  for (const m of [people.chairman, people.secretary, people.member1, people.member2]) {
    st = await decide(h, submitScoresUpdate, { actor: m, scores: goodScores });
  }
  return st;
}

/** …then a meeting with everyone present and every non-recused member agreeing: tracking starts. */
export async function toTracking(h: WorkflowHandle): Promise<InitiativeState> {
  await toMeeting(h);
  return decide(h, recordMeetingUpdate, {
    actor: people.secretary,
    present: councilMembers.map((m) => m.personId),
    votes: { 'chairman-1': 'AGREE', 'secretary-1': 'AGREE', 'member-1': 'AGREE', 'member-2': 'AGREE' },
    proposedScope: 'UNIT',
    minutes: 'Hội đồng thống nhất đề nghị công nhận.',
  });
}

/** …then one effect report, the end of tracking and the unit head's confirmation: the chairman decides. */
export async function toDecision(h: WorkflowHandle): Promise<InitiativeState> {
  await toTracking(h);
  await decide(h, submitEffectReportUpdate, {
    actor: people.unitHead,
    periodEnd: new Date().toISOString().slice(0, 10),
    metrics: [{ name: 'Thời gian tổng hợp điểm', unit: 'giờ/kỳ', baseline: 40, value: 6 }],
    monetaryBenefitVnd: 12_000_000,
    evidenceRefs: ['bien-ban-ap-dung.pdf'],
  });
  await waitFor(h, (s) => s.step === 'EFFECT_CONFIRMATION');
  return decide(h, confirmEffectUpdate, {
    actor: people.unitHead,
    verdict: 'EFFECTIVE',
    summary: 'Giảm 85% thời gian tổng hợp điểm.',
  });
}

/** …then recognition signed by a vice-chairman: replication follow-up starts. */
export async function toReplication(h: WorkflowHandle): Promise<InitiativeState> {
  await toDecision(h);
  return decide(h, decideRecognitionUpdate, {
    actor: people.chairman,
    outcome: 'RECOGNISE',
    signerTitle: 'PHO_CHU_TICH',
  });
}

/** Each adopting unit's head plans, reports and confirms an effective adoption; returns the final states. */
export async function confirmAdoptions(client: Client, initiativeId: string): Promise<ReplicationState[]> {
  const states: ReplicationState[] = [];
  for (const [unitId, head] of [
    ['tram-y-te', people.otherUnitHead],
    ['truong-mam-non', people.mamNonHead],
  ] as const) {
    const child = client.workflow.getHandle(replicationWorkflowId(initiativeId, unitId));
    await child.executeUpdate(submitAdoptionPlanUpdate, {
      args: [{ actor: head, startDate: '2026-11-01', plan: 'Áp dụng từ học kỳ II' }],
    });
    await child.executeUpdate(submitAdoptionReportUpdate, {
      args: [
        {
          actor: head,
          periodEnd: '2026-11-20',
          metrics: [{ name: 'Thời gian', unit: 'giờ', baseline: 10, value: 4 }],
          evidenceRefs: [],
        },
      ],
    });
    states.push(
      await child.executeUpdate(confirmAdoptionUpdate, {
        args: [{ actor: head, verdict: 'EFFECTIVE', summary: 'Hiệu quả tốt' }],
      }),
    );
  }
  return states;
}
