/** Stage 2, COUNCIL_EVALUATION: council formation with conflict-of-interest rules, blind scoring, the meeting. */
import { uuid4 } from '@temporalio/workflow';
import {
  declareConflictUpdate,
  formCouncilUpdate,
  recordMeetingUpdate,
  submitScoresUpdate,
} from '../../src/contracts/initiative';
import {
  ballotProblem,
  checkScores,
  meetingOutcome,
  recusedMembers,
  totalScore,
} from '../../src/domain/council';
import { meetingVotingMode, votingModeFor, type VotingMode } from '../../src/domain/rule-pack';
import { authorIdsOf } from '../../src/domain/permissions';
import { isValidAuthority } from '../../src/domain/signing';
import { refuse, type Case } from '../case';
import { onUpdate, requireAllowed, requireText } from '../guards';
import { startEffectTracking } from './effect-tracking';
import { startDecision } from './reward-decision';

/** After acceptance: the chairman forms a council or assigns a standing one. */
export function startCouncilFormation(c: Case): void {
  c.enter(
    'COUNCIL_EVALUATION',
    'COUNCIL_FORMATION',
    { role: 'CHAIRMAN', description: 'Chủ tịch UBND xã thành lập hoặc giao Hội đồng sáng kiến' },
    c.pack.councilFormationSla.value,
  );
}

/** Members who may still score: on the council, not recused, not yet scored. */
function pendingScorers(c: Case): string[] {
  const council = c.state.council;
  if (!council) return [];
  return council.members
    .map((m) => m.personId)
    .filter((p) => !council.recused.includes(p) && !(p in c.state.scores));
}

function startScoringOrMeeting(c: Case): void {
  const council = c.state.council!;
  const pending = pendingScorers(c);
  if (pending.length > 0) {
    c.enter(
      'COUNCIL_EVALUATION',
      'SCORING',
      {
        role: 'COUNCIL_MEMBER',
        councilId: council.councilId,
        personIds: pending,
        description: 'Thành viên Hội đồng chấm điểm độc lập',
      },
      c.pack.scoringSla.value,
    );
    return;
  }
  c.state.scoresRevealed = true;
  startMeeting(c);
}

function startMeeting(c: Case): void {
  c.enter(
    'COUNCIL_EVALUATION',
    'MEETING',
    {
      role: 'SECRETARY',
      councilId: c.state.council!.councilId,
      description: 'Thư ký tổ chức họp Hội đồng, lập biên bản',
    },
    c.pack.meetingSla.value,
  );
}

/** Registers the stage's updates. */
export function registerCouncilEvaluation(c: Case): void {
  onUpdate(
    c,
    formCouncilUpdate,
    ({ actor, councilId, members, signer }) => {
      const recused = recusedMembers(members, authorIdsOf(c.state));
      c.state.council = {
        councilId,
        members,
        recused,
        formedAt: new Date(c.now()).toISOString(),
        ...(signer ? { signer } : {}),
      };
      c.record('COUNCIL_FORMED', actor, `Thành lập Hội đồng ${councilId} gồm ${members.length} thành viên`, {
        councilId,
        members,
        ...(signer ? { signer } : {}),
      });
      for (const personId of recused) {
        const m = members.find((x) => x.personId === personId)!;
        c.record(
          'RECUSED',
          null,
          `${m.fullName} là tác giả nên không chấm điểm, không biểu quyết hồ sơ này`,
          {
            personId,
            rule: 'author',
          },
        );
      }
      startScoringOrMeeting(c);
    },
    {
      check: ({ actor, councilId, members, signer }) => {
        requireAllowed(c, actor, 'council');
        if (signer !== undefined && !isValidAuthority(signer))
          refuse('INVALID_INPUT', 'Chức danh người ký không hợp lệ.');
        if (typeof councilId !== 'string' || councilId.trim() === '')
          refuse('INVALID_INPUT', 'Thiếu mã Hội đồng.');
        if (!Array.isArray(members) || members.length < 3) {
          refuse('INVALID_INPUT', 'Hội đồng cần ít nhất 3 thành viên (chủ tịch, thư ký và ủy viên).');
        }
        const ids = members.map((m) => m.personId);
        if (new Set(ids).size !== ids.length)
          refuse('INVALID_INPUT', 'Một người xuất hiện hai lần trong Hội đồng.');
        const authors = authorIdsOf(c.state);
        if (members.filter((m) => !authors.includes(m.personId)).length === 0) {
          refuse('INVALID_INPUT', 'Hội đồng phải có thành viên không phải tác giả.');
        }
        // TT18 Art. 8: where the State funded the initiative and the head of the body is an author, the head may not
        // sit on the council at all (not just recuse).
        if (c.state.dossier.stateFunded) {
          const headAuthor = members.find(
            (m) => authors.includes(m.personId) && (m.personId === actor.personId || m.position === 'CHAIR'),
          );
          if (headAuthor) {
            refuse(
              'COI_CHAIRMAN_AUTHOR_STATE_FUNDED',
              `Sáng kiến do Nhà nước đầu tư và ${headAuthor.fullName} là tác giả nên không được tham gia Hội đồng (Điều 8 Thông tư 18/2013/TT-BKHCN).`,
            );
          }
        }
      },
    },
  );

  onUpdate(
    c,
    declareConflictUpdate,
    ({ actor, reason }) => {
      c.state.council!.recused.push(actor.personId);
      delete c.state.scores[actor.personId];
      c.record('RECUSED', actor, `Thành viên tự khai có xung đột lợi ích: ${reason}`, {
        personId: actor.personId,
        reason,
      });
      if (c.state.step === 'SCORING') startScoringOrMeeting(c);
    },
    {
      check: ({ actor, reason }) => {
        requireAllowed(c, actor, 'conflict-declaration');
        requireText(reason, 'lý do xung đột lợi ích');
      },
    },
  );

  onUpdate(
    c,
    submitScoresUpdate,
    ({ actor, scores, comment }) => {
      const total = totalScore(scores);
      c.state.scores[actor.personId] = {
        scores,
        total,
        submittedAt: new Date(c.now()).toISOString(),
        ...(comment ? { comment } : {}),
      };
      c.record('SCORED', actor, `Thành viên Hội đồng nộp phiếu chấm điểm`, {
        scores,
        total,
        // The pinned rubric, so the score sheet is printed with the criteria the member scored against.
        rubric: c.pack.rubric.value,
        // A random value hashed with the figures: while they are sealed, the entry's visible hash cannot be matched
        // against guessed scores (a few criteria of 0..30 points are few enough to try them all).
        salt: uuid4(),
      });
      startScoringOrMeeting(c);
    },
    {
      check: ({ actor, scores }) => {
        requireAllowed(c, actor, 'scores');
        if (typeof scores !== 'object' || scores === null)
          refuse('INVALID_INPUT', 'Phiếu chấm điểm không hợp lệ.');
        const problem = checkScores(c.pack.rubric.value, scores)[0];
        if (problem) refuse(problem.code, problem.message);
      },
    },
  );

  onUpdate(
    c,
    recordMeetingUpdate,
    ({ actor, present, votes: shown, ballot, votingMode, proposedScope, minutes }) => {
      const council = c.state.council!;
      // Under a secret ballot only counts exist; under a show of hands, each member's vote.
      const secret = modeOf(c, votingMode) === 'SECRET_BALLOT';
      const votes = secret ? {} : (shown ?? {});
      const totals = Object.values(c.state.scores).map((s) => s.total);
      const outcome = meetingOutcome({
        members: council.members,
        present,
        recused: council.recused,
        ...(secret ? { ballot: ballot! } : { votes }),
        totals,
        quorumFraction: c.pack.quorumFraction.value,
        approvalFraction: c.pack.approvalFraction.value,
        recusedLeaveDenominator: c.pack.recusedLeaveDenominator.value,
        passMark: c.pack.passMark.value,
      });
      const at = new Date(c.now()).toISOString();
      c.state.scoresRevealed = true;
      if (outcome.kind === 'NO_QUORUM') {
        c.state.meetings.push({
          at,
          present,
          votes: {},
          outcome: 'NO_QUORUM',
          required: outcome.required,
          proposedScope,
        });
        c.record(
          'MEETING_NO_QUORUM',
          actor,
          `Cuộc họp không đủ số thành viên (${outcome.present}/${outcome.required} cần có mặt); họp lại`,
          { present, minutes },
        );
        startMeeting(c);
        return;
      }
      c.state.meetings.push({
        at,
        present,
        votes,
        ...(secret ? { ballot: ballot! } : {}),
        outcome: outcome.kind,
        agree: outcome.agree,
        required: outcome.required,
        mean: outcome.mean,
        proposedScope,
      });
      c.state.meanScore = outcome.mean;
      c.state.councilRecommended = outcome.kind === 'RECOMMENDED';
      c.record(
        outcome.kind === 'RECOMMENDED' ? 'COUNCIL_RECOMMENDED' : 'COUNCIL_NOT_RECOMMENDED',
        actor,
        outcome.kind === 'RECOMMENDED'
          ? `Hội đồng đề nghị công nhận: ${outcome.agree}/${outcome.required} phiếu đồng ý cần thiết, điểm trung bình ${outcome.mean}`
          : `Hội đồng không đề nghị công nhận: ${outcome.agree} phiếu đồng ý (cần ${outcome.required}), điểm trung bình ${outcome.mean} (điểm đạt ${outcome.passMark})`,
        {
          present,
          ...(secret ? { ballot: ballot!, votingMode: 'SECRET_BALLOT' } : { votes }),
          mean: outcome.mean,
          agree: outcome.agree,
          required: outcome.required,
          proposedScope,
          minutes,
        },
      );
      if (outcome.kind === 'RECOMMENDED') startEffectTracking(c);
      else startDecision(c);
    },
    {
      check: ({ actor, present, votes, ballot, votingMode, proposedScope, minutes }) => {
        requireAllowed(c, actor, 'meeting');
        const council = c.state.council!;
        const memberIds = council.members.map((m) => m.personId);
        if (!Array.isArray(present) || present.some((p) => !memberIds.includes(p))) {
          refuse('INVALID_INPUT', 'Danh sách có mặt có người không thuộc Hội đồng.');
        }
        const mode = meetingVotingMode(votingModeFor(c.pack, council.councilId), votingMode);
        if ('problem' in mode) refuse('INVALID_INPUT', mode.problem);
        if (mode.mode === 'SECRET_BALLOT') {
          // TT18 Art. 8: by secret ballot the minutes hold counts, never who voted how.
          if (votes && Object.keys(votes).length > 0)
            refuse(
              'INVALID_INPUT',
              'Hội đồng bỏ phiếu kín: chỉ ghi số phiếu, không ghi ai bỏ phiếu thế nào.',
            );
          const voters = (present ?? []).filter((p) => !council.recused.includes(p)).length;
          const problem = ballot ? ballotProblem(ballot, voters) : 'Hội đồng bỏ phiếu kín: cần ghi số phiếu.';
          if (problem) refuse('INVALID_INPUT', problem);
        } else if (ballot) {
          refuse('INVALID_INPUT', 'Hội đồng biểu quyết công khai: ghi biểu quyết của từng thành viên.');
        }
        for (const [personId, vote] of Object.entries(votes ?? {})) {
          if (!present.includes(personId)) refuse('INVALID_INPUT', 'Chỉ thành viên có mặt được biểu quyết.');
          if (council.recused.includes(personId)) {
            refuse(
              'COI_AUTHOR_MAY_NOT_SCORE',
              'Thành viên là tác giả hoặc đã khai xung đột lợi ích không được biểu quyết.',
            );
          }
          if (!['AGREE', 'DISAGREE', 'ABSTAIN'].includes(vote))
            refuse('INVALID_INPUT', 'Phiếu biểu quyết không hợp lệ.');
        }
        if (!['UNIT', 'PROVINCE'].includes(proposedScope))
          refuse('INVALID_INPUT', 'Phạm vi đề nghị không hợp lệ.');
        requireText(minutes, 'nội dung biên bản họp');
      },
    },
  );
}

/** The mode this meeting votes in (its validator has refused any choice the pack does not allow). */
function modeOf(c: Case, chosen: VotingMode | undefined): VotingMode {
  const mode = meetingVotingMode(votingModeFor(c.pack, c.state.council!.councilId), chosen);
  return 'mode' in mode ? mode.mode : 'SHOW_OF_HANDS';
}
