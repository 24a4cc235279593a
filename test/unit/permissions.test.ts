/** Who may take which action at which step (src/domain/permissions.ts), and the page's view of it (actions.ts). */
import { caseAt, deadline, effect, people, person, reassignedTo, variety } from './permission-fixtures';
import { availableActions } from '../../src/domain/actions';
import { CASE_ACTIONS, designationRefusal, refusalOf, takesNoPart } from '../../src/domain/permissions';

describe('step, role and scope', () => {
  test('when a decision comes at the wrong step, then WRONG_STEP comes before FORBIDDEN_ROLE', () => {
    expect(refusalOf(caseAt('UNIT_REVIEW'), people.secretary, 'decision')).toEqual({
      code: 'WRONG_STEP',
      message: 'Hồ sơ đang ở bước UNIT_REVIEW, không phải bước cho thao tác này.',
    });
    expect(refusalOf(caseAt('DECISION'), people.secretary, 'decision')).toEqual({
      code: 'FORBIDDEN_ROLE',
      message: 'Chỉ Chủ tịch UBND xã được thực hiện thao tác này.',
    });
    expect(refusalOf(caseAt('DECISION'), people.chairman, 'decision')).toBeNull();
  });

  test('when the case has ended, then every action is refused with CASE_CLOSED', () => {
    const closed = caseAt('CLOSED');
    for (const action of CASE_ACTIONS) {
      expect(refusalOf(closed, people.chairman, action)?.code).toBe('CASE_CLOSED');
    }
  });

  test('when the head of another unit reviews, then OUT_OF_SCOPE; someone without the role, FORBIDDEN_ROLE', () => {
    const s = caseAt('UNIT_REVIEW');
    expect(refusalOf(s, people.otherUnitHead, 'unit-review')).toEqual({
      code: 'OUT_OF_SCOPE',
      message: 'Bạn không phải thủ trưởng của đơn vị có hồ sơ này.',
    });
    expect(refusalOf(s, people.secretary, 'unit-review')).toEqual({
      code: 'FORBIDDEN_ROLE',
      message: 'Chỉ thủ trưởng đơn vị được thực hiện thao tác này.',
    });
    expect(refusalOf(s, people.unitHead, 'unit-review')).toBeNull();
  });

  test('when a step is reassigned to a person, then they act in place of the role, at that step only', () => {
    const s = reassignedTo(caseAt('REGISTRATION'), people.standIn);
    expect(refusalOf(s, people.standIn, 'registration')).toBeNull();
    expect(availableActions(s, people.standIn).actions).toContain('registration');
    expect(refusalOf(s, people.standIn, 'formal-check')?.code).toBe('WRONG_STEP');
    expect(
      refusalOf(reassignedTo(caseAt('UNIT_REVIEW'), people.standIn), people.standIn, 'unit-review'),
    ).toBeNull();
  });

  test('when an assignee asks to extend a deadline, then the workflow accepts it and a page does not offer it', () => {
    const s = reassignedTo(caseAt('REGISTRATION', { deadline }), people.standIn);
    expect(refusalOf(s, people.standIn, 'deadline-extension')).toBeNull();
    expect(refusalOf(s, people.standIn, 'deadline-extension', 'offer')).toEqual({
      code: 'FORBIDDEN_ROLE',
      message: 'Chỉ cán bộ thi đua – khen thưởng hoặc Chủ tịch UBND xã được thực hiện thao tác này.',
    });
    expect(availableActions(s, people.supervisor).actions).toContain('deadline-extension');
  });

  test('when anyone but the chairman revokes, then FORBIDDEN_ROLE, even the step’s assignee', () => {
    const s = reassignedTo(caseAt('REPLICATION'), people.supervisor);
    expect(refusalOf(s, people.supervisor, 'revocation')).toEqual({
      code: 'FORBIDDEN_ROLE',
      message: 'Chỉ Chủ tịch UBND xã được hủy bỏ quyết định công nhận.',
    });
    expect(refusalOf(s, people.chairman, 'revocation')).toBeNull();
  });
});

describe('the council', () => {
  test('when an author who sits on the council scores, then COI_AUTHOR_MAY_NOT_SCORE and the page says why', () => {
    const s = caseAt('SCORING');
    expect(refusalOf(s, people.councilAuthor, 'scores')).toMatchObject({
      code: 'COI_AUTHOR_MAY_NOT_SCORE',
      message: 'Tác giả không được chấm điểm sáng kiến của chính mình.',
    });
    expect(availableActions(s, people.councilAuthor)).toEqual({
      actions: [],
      adoption: [],
      withheld: [
        {
          action: 'scores',
          reason: 'Bạn là tác giả của sáng kiến này nên không chấm điểm, không biểu quyết.',
        },
      ],
    });
  });

  test('when a member who declared a conflict scores, then COI_AUTHOR_MAY_NOT_SCORE with the recusal', () => {
    const s = caseAt('SCORING');
    const message = 'Bạn đã khai xung đột lợi ích nên không chấm điểm hồ sơ này.';
    expect(refusalOf(s, people.recusedMember, 'scores')).toEqual({
      code: 'COI_AUTHOR_MAY_NOT_SCORE',
      message,
      reason: message,
    });
    expect(availableActions(caseAt('MEETING'), people.recusedMember).withheld).toEqual([
      { action: 'scores', reason: message },
    ]);
  });

  test('when someone outside the council scores, then NOT_A_COUNCIL_MEMBER, before any conflict of interest', () => {
    const s = caseAt('SCORING');
    expect(refusalOf(s, people.supervisor, 'scores')?.code).toBe('NOT_A_COUNCIL_MEMBER');
    expect(refusalOf(s, people.author, 'scores')?.code).toBe('NOT_A_COUNCIL_MEMBER');
    expect(takesNoPart(s, people.author)).toBeNull();
  });

  test('when a member has handed in a sheet, then the workflow takes a replacement and a page offers no second one', () => {
    const s = caseAt('SCORING', {
      scores: { 'member-1': { scores: {}, total: 80, submittedAt: '2026-01-21T00:00:00.000Z' } },
    });
    expect(refusalOf(s, people.member, 'scores')).toBeNull();
    expect(refusalOf(s, people.member, 'scores', 'offer')?.code).toBe('ALREADY_SCORED');
    expect(availableActions(s, people.member).actions).toEqual(['conflict-declaration']);
  });

  test('when a member who takes no part declares a conflict, then INVALID_INPUT', () => {
    expect(refusalOf(caseAt('MEETING'), people.councilAuthor, 'conflict-declaration')).toEqual({
      code: 'INVALID_INPUT',
      message: 'Bạn đã không tham gia xét hồ sơ này.',
    });
    expect(refusalOf(caseAt('MEETING'), people.member, 'conflict-declaration')).toBeNull();
  });

  test('when a secretary outside the council records the minutes, then the workflow refuses with OUT_OF_SCOPE', () => {
    const s = caseAt('MEETING');
    expect(refusalOf(s, people.otherSecretary, 'meeting')).toEqual({
      code: 'OUT_OF_SCOPE',
      message: 'Chỉ thư ký của Hội đồng xét hồ sơ này được ghi biên bản cuộc họp.',
    });
    expect(refusalOf(s, people.secretary, 'meeting')).toBeNull();
  });
});

describe('the authors', () => {
  test('when someone other than the filer or an author withdraws, then OUT_OF_SCOPE; after the decision, WRONG_STEP', () => {
    expect(refusalOf(caseAt('UNIT_REVIEW'), people.unitHead, 'withdrawal')).toEqual({
      code: 'OUT_OF_SCOPE',
      message: 'Chỉ người nộp hoặc tác giả của hồ sơ được thực hiện thao tác này.',
    });
    expect(refusalOf(caseAt('MEETING'), people.author, 'withdrawal')).toBeNull();
    expect(refusalOf(caseAt('REPLICATION'), people.author, 'withdrawal')).toEqual({
      code: 'WRONG_STEP',
      message: 'Chỉ được rút hồ sơ trước khi có quyết định công nhận.',
    });
  });

  test('when a co-author without the submitter role amends, then the workflow accepts and a page does not offer it', () => {
    const s = caseAt('AMENDMENT');
    expect(refusalOf(s, people.councilAuthor, 'amendment')).toBeNull();
    expect(availableActions(s, people.councilAuthor).actions).toEqual([]);
    expect(availableActions(s, people.author).actions).toEqual([
      'amendment',
      'withdrawal',
      'attachments',
      'attachment-replacement',
    ]);
  });

  test('when a file is to be replaced, then only the filer or an author may, and only while the dossier is returned for amendment', () => {
    const s = caseAt('AMENDMENT');
    expect(refusalOf(s, people.author, 'attachment-replacement')).toBeNull();
    // A co-author with an account amends through the workflow too; a page offers it to submitters only.
    expect(refusalOf(s, people.councilAuthor, 'attachment-replacement')).toBeNull();
    expect(refusalOf(s, people.councilAuthor, 'attachment-replacement', 'offer')?.code).toBe('OUT_OF_SCOPE');
    // Those who may attach files at any step may not replace the dossier's own.
    for (const who of [people.unitHead, people.secretary, people.chairman])
      expect(refusalOf(s, who, 'attachment-replacement')).toEqual({
        code: 'OUT_OF_SCOPE',
        message: 'Chỉ người nộp hoặc tác giả của hồ sơ được thực hiện thao tác này.',
      });
    for (const step of ['UNIT_REVIEW', 'REGISTRATION', 'FORMAL_CHECK', 'SCORING', 'DECISION'] as const)
      expect(refusalOf(caseAt(step), people.author, 'attachment-replacement')?.code).toBe('WRONG_STEP');
  });
});

describe('effect tracking', () => {
  test('when first application is already recorded, then WRONG_STEP', () => {
    const s = caseAt('EFFECT_REPORTING', {
      effect: effect({ firstApplicationCompletedAt: '2026-02-10T00:00:00.000Z' }),
    });
    expect(refusalOf(s, people.unitHead, 'first-application')).toEqual({
      code: 'WRONG_STEP',
      message: 'Đã ghi nhận hoàn thành áp dụng lần đầu.',
    });
    expect(refusalOf(s, people.unitHead, 'effect-reports')).toBeNull();
  });

  test('when no report is in yet, then a page offers no confirmation unless the dossier proved its first application', () => {
    const s = caseAt('EFFECT_CONFIRMATION');
    expect(refusalOf(s, people.unitHead, 'effect-confirmation')).toBeNull();
    expect(availableActions(s, people.unitHead).actions).not.toContain('effect-confirmation');
    // A dossier that proved its first application needs no report: the page offers it, as the workflow accepts it.
    const proven = { ...s, dossier: { ...s.dossier, firstApplicationCompleted: true } };
    expect(availableActions(proven, people.unitHead).actions).toContain('effect-confirmation');
  });
});

describe('replication', () => {
  test('when a unit head names only their own units, then they may; another unit, OUT_OF_SCOPE; no role, FORBIDDEN_ROLE', () => {
    const s = caseAt('REPLICATION');
    const head = person('head-mn', ['UNIT_HEAD'], ['truong-mam-non', 'tram-y-te']);
    expect(designationRefusal(s, head, ['truong-mam-non'])).toBeNull();
    expect(designationRefusal(s, head, ['truong-mam-non', 'ubnd'])?.code).toBe('OUT_OF_SCOPE');
    expect(designationRefusal(s, people.secretary, ['ubnd'])?.code).toBe('FORBIDDEN_ROLE');
    expect(designationRefusal(s, people.chairman, ['ubnd'])).toBeNull();
  });

  test('when a unit head has no unit left to volunteer, then a page does not offer replication', () => {
    const designated = caseAt('REPLICATION', {
      replication: {
        startedAt: '2026-05-01T00:00:00.000Z',
        targets: [{ unitId: 'tram-y-te', workflowId: 'w', designatedBy: 'chairman-1', status: 'RUNNING' }],
        similarUnitsTotal: null,
        checkpoints: [],
      },
    });
    expect(availableActions(caseAt('REPLICATION'), people.otherUnitHead).actions).toEqual(['replication']);
    expect(availableActions(designated, people.otherUnitHead)).toEqual({
      actions: [],
      adoption: [
        { unitId: 'tram-y-te', action: 'plan' },
        { unitId: 'tram-y-te', action: 'reports' },
        { unitId: 'tram-y-te', action: 'confirmation' },
      ],
      withheld: [],
    });
    expect(availableActions(caseAt('REPLICATION'), people.unitHead).actions).toEqual(['attachments']);
  });
});

describe('availableActions and the rules agree', () => {
  test('when a page lists the actions, then they are exactly those the rules leave open to it, in page order', () => {
    for (const s of variety()) {
      for (const actor of Object.values(people)) {
        const shown = availableActions(s, actor);
        const open = CASE_ACTIONS.filter((a) => refusalOf(s, actor, a, 'offer') === null);
        expect({ step: s.step, who: actor.personId, actions: shown.actions }).toEqual({
          step: s.step,
          who: actor.personId,
          actions: open,
        });
        for (const w of shown.withheld) expect(w.reason).toBe(takesNoPart(s, actor)?.reason);
      }
    }
  });

  test('when a page offers an action, then the workflow’s rules accept it', () => {
    const gaps: string[] = [];
    for (const s of variety()) {
      for (const actor of Object.values(people)) {
        for (const action of availableActions(s, actor).actions) {
          const refusal = refusalOf(s, actor, action);
          if (refusal) gaps.push(`${action} by ${actor.personId}: ${refusal.code}`);
        }
      }
    }
    expect([...new Set(gaps)].sort()).toEqual([]);
  });
});
