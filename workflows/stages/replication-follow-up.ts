/** Stage 5, REPLICATION_FOLLOW_UP: adoption by other units as child workflows, 6/12-month roll-ups, revocation. */
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { designateReplicationUpdate, revokeUpdate } from '../../src/contracts/initiative';
import { replicationWorkflowId, type ReplicationResult } from '../../src/contracts/replication';
import { addDuration } from '../../src/domain/duration';
import { refuse, type Case } from '../case';
import { designationRefusal } from '../../src/domain/permissions';
import { onUpdate, refuseWith, requireAllowed, requireText } from '../guards';

/** After recognition: follow-up checkpoints counted from the decision; targets are designated or volunteer. */
export function startReplication(c: Case): void {
  const start = Date.parse(c.state.decision!.decidedAt);
  c.state.replication = {
    startedAt: c.state.decision!.decidedAt,
    targets: [],
    similarUnitsTotal: null,
    checkpoints: c.pack.replicationCheckpoints.value.map((d) => ({
      dueAt: new Date(addDuration(start, d, c.holidays)).toISOString(),
      done: false,
    })),
  };
  c.enter(
    'REPLICATION_FOLLOW_UP',
    'REPLICATION',
    { role: 'CHAIRMAN', description: 'Chỉ định đơn vị nhân rộng; theo dõi kết quả nhân rộng' },
    null,
  );
}

/** A follow-up checkpoint: roll up the adoptions; the last one completes the initiative. */
export function rollUpCheckpoint(c: Case, index: number): void {
  const rep = c.state.replication!;
  const cp = rep.checkpoints[index]!;
  const adopted = rep.targets.filter((t) => t.status === 'CONFIRMED').length;
  const share = rep.similarUnitsTotal ? Math.round((adopted / rep.similarUnitsTotal) * 1000) / 1000 : null;
  cp.done = true;
  cp.adopted = adopted;
  cp.share = share;
  cp.eligibleForProvince = share !== null && share >= c.pack.provincialShare.value;
  c.record(
    'REPLICATION_CHECKPOINT',
    null,
    `Mốc theo dõi nhân rộng ${index + 1}: ${adopted} đơn vị áp dụng có hiệu quả` +
      (share !== null ? ` (${Math.round(share * 100)}% đơn vị tương tự)` : ''),
    { index, adopted, share, eligibleForProvince: cp.eligibleForProvince, targets: rep.targets },
  );
  if (rep.checkpoints.every((x) => x.done)) {
    c.close('COMPLETED', null, `Kết thúc theo dõi nhân rộng: ${adopted} đơn vị áp dụng có hiệu quả`);
  }
}

/** Registers the stage's updates. */
export function registerReplicationFollowUp(c: Case): void {
  onUpdate(
    c,
    designateReplicationUpdate,
    async ({ actor, unitIds, similarUnitsTotal }) => {
      const rep = c.state.replication!;
      if (similarUnitsTotal !== undefined) rep.similarUnitsTotal = similarUnitsTotal;
      c.busy = true;
      try {
        for (const unitId of unitIds) {
          const workflowId = replicationWorkflowId(c.state.initiativeId, unitId);
          const child = await c.errand(() =>
            startChild('replicationWorkflow', {
              workflowId,
              // The adoption ends with the initiative: a cancelled child records that it ended.
              parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
              args: [
                {
                  initiativeId: c.state.initiativeId,
                  title: c.state.dossier.title,
                  unitId,
                  designatedBy: actor,
                  startedAt: new Date(c.now()).toISOString(),
                  stepSla: c.pack.confirmationSla.value,
                  holidays: c.holidays,
                  reminderFractions: c.pack.reminderFractions.value,
                },
              ],
            }),
          );
          rep.targets.push({ unitId, workflowId, designatedBy: actor.personId, status: 'RUNNING' });
          c.record('REPLICATION_DESIGNATED', actor, `Nhân rộng tại đơn vị ${unitId}`, { unitId, workflowId });
          void (child.result() as Promise<ReplicationResult>).then(
            (r) => {
              const target = rep.targets.find((t) => t.unitId === r.unitId)!;
              target.status = r.status;
              if (r.verdict) target.verdict = r.verdict;
              if (!c.closed) {
                c.record(
                  'REPLICATION_RESULT',
                  null,
                  `Đơn vị ${r.unitId} xác nhận kết quả nhân rộng: ${r.status}`,
                  { ...r },
                );
              }
            },
            () => undefined,
          );
        }
      } finally {
        c.busy = false;
      }
    },
    {
      check: ({ actor, unitIds, similarUnitsTotal }) => {
        requireAllowed(c, actor, 'replication');
        if (!Array.isArray(unitIds) || unitIds.length === 0)
          refuse('INVALID_INPUT', 'Cần chọn ít nhất một đơn vị.');
        if (new Set(unitIds).size !== unitIds.length)
          refuse('INVALID_INPUT', 'Một đơn vị được chọn hai lần.');
        // A unit head may volunteer their own unit; designating others is the chairman's or the supervisor's.
        const notTheirs = designationRefusal(c.state, actor, unitIds);
        if (notTheirs) refuseWith(notTheirs);
        if (unitIds.includes(c.state.dossier.unitId))
          refuse('INVALID_INPUT', 'Đơn vị tác giả không phải đơn vị nhân rộng.');
        const existing = c.state.replication!.targets.map((t) => t.unitId);
        if (unitIds.some((u) => existing.includes(u)))
          refuse('ALREADY_DESIGNATED', 'Đơn vị đã được chỉ định nhân rộng.');
        if (
          similarUnitsTotal !== undefined &&
          !(Number.isInteger(similarUnitsTotal) && similarUnitsTotal > 0)
        ) {
          refuse('INVALID_INPUT', 'Số đơn vị tương tự không hợp lệ.');
        }
      },
    },
  );

  onUpdate(
    c,
    revokeUpdate,
    ({ actor, reasons }) => {
      c.close('REVOKED', actor, `Hủy bỏ quyết định công nhận: ${reasons}`);
    },
    {
      check: ({ actor, reasons }) => {
        requireAllowed(c, actor, 'revocation');
        // LTĐKT 2022 Ch. VII: revocation for a false dossier or unlawful appraisal, with rewards recovered.
        requireText(reasons, 'lý do hủy bỏ (khai man, hồ sơ không trung thực, thẩm định trái pháp luật)');
      },
    },
  );
}
