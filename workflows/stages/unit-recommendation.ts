/** Stage 1, UNIT_RECOMMENDATION: unit review, amendment loop, registration with receipt, formal check (process.md). */
import {
  amendDossierUpdate,
  formalCheckUpdate,
  registerDossierUpdate,
  replaceAttachmentUpdate,
  unitReviewUpdate,
  withdrawUpdate,
  type Actor,
  type Dossier,
} from '../../src/contracts/initiative';
import { isNotInFuture, isWithinTimeBar, sharesSumTo100 } from '../../src/domain/dossier';
import { addDuration, describeDuration, vnDate } from '../../src/domain/duration';
import { duplicateCheckOf } from '../../src/domain/rule-pack';
import { records } from '../activity-proxies';
import { refuse, type Case } from '../case';
import { startCouncilFormation } from './council-evaluation';
import { onUpdate, requireAllowed, requireText } from '../guards';

/** Puts a new case in front of its unit head. */
export function startUnitReview(c: Case): void {
  c.enter(
    'UNIT_RECOMMENDATION',
    'UNIT_REVIEW',
    { role: 'UNIT_HEAD', unitId: c.state.dossier.unitId, description: 'Thủ trưởng đơn vị xem xét hồ sơ' },
    c.pack.unitReviewSla.value,
  );
}

function startAmendment(
  c: Case,
  actor: Actor,
  requestedBy: 'UNIT_HEAD' | 'SECRETARY',
  items: string[],
): void {
  const round = (c.state.amendment?.round ?? 0) + 1;
  c.state.amendment = { requestedBy, items, requestedAt: new Date(c.now()).toISOString(), round };
  c.record('AMENDMENT_REQUESTED', actor, `Yêu cầu bổ sung hồ sơ (lần ${round}): ${items.join('; ')}`, {
    items,
  });
  c.enter(
    'UNIT_RECOMMENDATION',
    'AMENDMENT',
    {
      role: 'SUBMITTER',
      unitId: c.state.dossier.unitId,
      personIds: [c.state.filedBy.personId],
      description: 'Tác giả bổ sung hồ sơ theo yêu cầu',
    },
    c.pack.amendmentPeriod.value,
  );
}

function startRegistration(c: Case): void {
  c.enter(
    'UNIT_RECOMMENDATION',
    'REGISTRATION',
    { role: 'SECRETARY', description: 'Bộ phận tiếp nhận vào sổ hồ sơ' },
    c.pack.registrationSla.value,
  );
}

function startFormalCheck(c: Case): void {
  c.enter(
    'UNIT_RECOMMENDATION',
    'FORMAL_CHECK',
    { role: 'SECRETARY', description: 'Thư ký kiểm tra tính hợp lệ của hồ sơ' },
    c.pack.formalCheckSla.value,
  );
}

/** Filing rules re-checked on an amended dossier: required fields, shares sum to 100, one-year time bar. */
function checkDossier(c: Case, d: Dossier): void {
  const required: [string, string][] = [
    [d.title, 'tên sáng kiến'],
    [d.field, 'lĩnh vực áp dụng'],
    [d.summary, 'mô tả bản chất'],
    [d.firstAppliedOn, 'ngày áp dụng lần đầu'],
  ];
  for (const [value, label] of required) {
    if (typeof value !== 'string' || value.trim() === '') refuse('INVALID_INPUT', `Thiếu ${label}.`);
  }
  if (d.unitId !== c.state.dossier.unitId)
    refuse('INVALID_INPUT', 'Không thể đổi đơn vị của hồ sơ khi bổ sung.');
  if (!Array.isArray(d.authors) || d.authors.length === 0)
    refuse('INVALID_INPUT', 'Cần ít nhất một tác giả.');
  if (!sharesSumTo100(d.authors.map((a) => a.sharePercent))) {
    refuse('SHARES_NOT_100', 'Tổng tỷ lệ đóng góp của các tác giả phải bằng 100%.');
  }
  const filedOn = vnDate(Date.parse(c.state.filedAt));
  let inTime = false;
  try {
    inTime =
      isNotInFuture(d.firstAppliedOn, filedOn) &&
      isWithinTimeBar(d.firstAppliedOn, filedOn, c.pack.timeBar.value, c.holidays);
  } catch {
    refuse('INVALID_INPUT', 'Ngày áp dụng lần đầu không hợp lệ.');
  }
  if (!inTime) {
    refuse(
      'TIME_BARRED',
      `Ngày áp dụng lần đầu phải trong vòng ${describeDuration(c.pack.timeBar.value)} trước ngày nộp đơn (Điều 5.2 Nghị định 13/2012/NĐ-CP).`,
    );
  }
}

/** Registers the stage's updates. */
export function registerUnitRecommendation(c: Case): void {
  onUpdate(
    c,
    unitReviewUpdate,
    ({ actor, outcome, confirmedApplication, items, reasons }) => {
      if (outcome === 'ENDORSE') {
        c.record(
          'UNIT_ENDORSED',
          actor,
          'Thủ trưởng đơn vị đồng ý, xác nhận sáng kiến đã được áp dụng tại đơn vị',
          {
            confirmedApplication,
          },
        );
        startRegistration(c);
      } else if (outcome === 'RETURN') {
        startAmendment(c, actor, 'UNIT_HEAD', items ?? []);
      } else {
        c.close('REJECTED', actor, `Đơn vị từ chối đề xuất: ${reasons ?? ''}`, 'UNIT_DECLINED');
      }
    },
    {
      check: ({ actor, outcome, confirmedApplication, items, reasons }) => {
        requireAllowed(c, actor, 'unit-review');
        if (outcome === 'ENDORSE' && confirmedApplication !== true) {
          refuse(
            'APPLICATION_NOT_CONFIRMED',
            'Cần xác nhận sáng kiến đã được áp dụng hoặc áp dụng thử tại đơn vị.',
          );
        }
        if (outcome === 'RETURN' && !(items ?? []).some((i: string) => i.trim() !== '')) {
          refuse('REASONS_REQUIRED', 'Cần nêu những nội dung phải bổ sung.');
        }
        if (outcome === 'DECLINE') requireText(reasons, 'lý do từ chối');
        if (!['ENDORSE', 'RETURN', 'DECLINE'].includes(outcome))
          refuse('INVALID_INPUT', 'Kết quả xem xét không hợp lệ.');
      },
    },
  );

  onUpdate(
    c,
    amendDossierUpdate,
    ({ actor, dossier, note }) => {
      c.state.dossier = dossier;
      c.state.dossierVersion++;
      c.record('AMENDED', actor, `Tác giả bổ sung hồ sơ (phiên bản ${c.state.dossierVersion})`, {
        dossierVersion: c.state.dossierVersion,
        note,
      });
      if (c.state.amendment?.requestedBy === 'SECRETARY') startFormalCheck(c);
      else startUnitReview(c);
    },
    {
      check: ({ actor, dossier }) => {
        requireAllowed(c, actor, 'amendment');
        checkDossier(c, dossier);
      },
    },
  );

  onUpdate(
    c,
    replaceAttachmentUpdate,
    ({ actor, replaces, attachment, reason }) => {
      const list = (c.state.attachments ??= []);
      const old = list.find((a) => a.id === replaces)!;
      // The same replacement sent again (a retried request): already applied.
      if (old.replacedBy?.id === attachment.id) return;
      const at = new Date(c.now()).toISOString();
      const why = reason?.trim() ? reason.trim() : undefined;
      old.replacedBy = {
        id: attachment.id,
        by: actor.personId,
        byName: actor.fullName,
        at,
        ...(why ? { reason: why } : {}),
      };
      list.push({ ...attachment, uploadedBy: actor.personId, at, replaces });
      c.record(
        'ATTACHMENT_REPLACED',
        actor,
        `Thay tệp "${old.filename}" bằng "${attachment.filename}" (${attachment.size} byte)${why ? `: ${why}` : ''}`,
        {
          replaced: { id: old.id, filename: old.filename, sha256: old.sha256 },
          attachment,
          ...(why ? { reason: why } : {}),
        },
      );
    },
    {
      check: ({ actor, replaces, attachment, reason }) => {
        requireAllowed(c, actor, 'attachment-replacement');
        if (
          !attachment ||
          typeof attachment.id !== 'string' ||
          typeof attachment.sha256 !== 'string' ||
          !/^[0-9a-f]{64}$/.test(attachment.sha256) ||
          (reason !== undefined && (typeof reason !== 'string' || reason.length > 500))
        ) {
          refuse('INVALID_INPUT', 'Tệp thay thế không hợp lệ.');
        }
        const list = c.state.attachments ?? [];
        const old = list.find((a) => a.id === replaces);
        if (!old) refuse('ATTACHMENT_NOT_FOUND', 'Hồ sơ không có tệp đính kèm này.');
        if (old.replacedBy?.id === attachment.id) return;
        if (old.replacedBy) {
          refuse(
            'ATTACHMENT_ALREADY_REPLACED',
            `Tệp "${old.filename}" đã được thay bằng phiên bản mới hơn; hãy thay phiên bản hiện hành.`,
          );
        }
        const same = list.find((a) => a.id === attachment.id);
        if (same) {
          refuse(
            'ATTACHMENT_DUPLICATE',
            `Tệp mới có nội dung giống hệt tệp "${same.filename}" đã có trong hồ sơ.`,
          );
        }
      },
    },
  );

  onUpdate(
    c,
    registerDossierUpdate,
    async ({ actor }) => {
      c.busy = true;
      try {
        const receivedAtMs = c.now();
        const reg = await c.errand(() =>
          records.registerDossier({
            initiativeId: c.state.initiativeId,
            title: c.state.dossier.title,
            summary: c.state.dossier.summary,
            receivedAt: new Date(receivedAtMs).toISOString(),
            duplicates: duplicateCheckOf(c.pack),
          }),
        );
        const hol = c.holidays;
        let expected: string;
        try {
          expected = new Date(
            addDuration(
              addDuration(receivedAtMs, c.pack.formalCheckSla.value, hol),
              c.pack.decisionClock.value,
              hol,
            ),
          ).toISOString();
        } catch {
          expected = new Date(addDuration(receivedAtMs, c.pack.decisionClock.value, hol)).toISOString();
        }
        c.state.registration = {
          registerNo: reg.registerNo,
          receivedAt: reg.receivedAt,
          expectedReplyBy: expected,
          duplicateFlags: reg.duplicateFlags,
        };
        c.record(
          'REGISTERED',
          actor,
          `Vào sổ tiếp nhận số ${reg.registerNo}; hẹn trả kết quả trước ${expected}`,
          {
            registerNo: reg.registerNo,
            expectedReplyBy: expected,
            duplicateFlags: reg.duplicateFlags,
          },
        );
      } finally {
        c.busy = false;
      }
      startFormalCheck(c);
    },
    {
      check: ({ actor }) => {
        requireAllowed(c, actor, 'registration');
      },
    },
  );

  onUpdate(
    c,
    formalCheckUpdate,
    ({ actor, outcome, items, reasons }) => {
      if (outcome === 'ACCEPT') {
        const now = c.now();
        c.state.acceptedAt = new Date(now).toISOString();
        c.state.decisionClock = c.deadline('DECISION_CLOCK', now, c.pack.decisionClock.value);
        c.record(
          'ACCEPTED',
          actor,
          'Chấp nhận đơn; bắt đầu thời hạn 3 tháng xét công nhận (Điều 7.1 Nghị định 13/2012/NĐ-CP)',
          {
            decisionDueAt: c.state.decisionClock.dueAt,
          },
        );
        startCouncilFormation(c);
      } else if (outcome === 'REQUEST_AMENDMENT') {
        startAmendment(c, actor, 'SECRETARY', items ?? []);
      } else {
        c.close('REJECTED', actor, `Không chấp nhận đơn: ${reasons ?? ''}`, 'NOT_ACCEPTED');
      }
    },
    {
      check: ({ actor, outcome, items, reasons }) => {
        requireAllowed(c, actor, 'formal-check');
        if (outcome === 'REQUEST_AMENDMENT' && !(items ?? []).some((i: string) => i.trim() !== '')) {
          refuse('REASONS_REQUIRED', 'Cần nêu những nội dung phải bổ sung.');
        }
        if (outcome === 'NOT_ACCEPT') requireText(reasons, 'lý do không chấp nhận đơn');
        if (!['ACCEPT', 'REQUEST_AMENDMENT', 'NOT_ACCEPT'].includes(outcome)) {
          refuse('INVALID_INPUT', 'Kết quả kiểm tra không hợp lệ.');
        }
      },
    },
  );

  onUpdate(
    c,
    withdrawUpdate,
    ({ actor, reason }) => {
      c.close('WITHDRAWN', actor, `Tác giả rút hồ sơ: ${reason}`);
    },
    {
      check: ({ actor, reason }) => {
        requireAllowed(c, actor, 'withdrawal');
        requireText(reason, 'lý do rút hồ sơ');
      },
    },
  );
}
