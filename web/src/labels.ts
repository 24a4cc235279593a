/** Vietnamese names of the stages, steps, statuses, roles and actions (ui.md glossary). */
import type { CaseAction } from '../../src/domain/actions';
import type { RulePack } from '../../src/domain/rule-pack';
import type { paths } from './api/schema';

export { STAGE_ORDER, STAGE_VI, STEP_VI, STATUS_VI } from '../../src/domain/labels';
export { ROLE_VI } from '../../src/domain/roles';

export const ACTION_VI: Record<CaseAction, string> = {
  amendment: 'Bổ sung hồ sơ',
  withdrawal: 'Rút hồ sơ',
  'unit-review': 'Xem xét của thủ trưởng đơn vị',
  registration: 'Tiếp nhận hồ sơ, vào sổ',
  'formal-check': 'Kiểm tra tính hợp lệ',
  council: 'Thành lập Hội đồng sáng kiến',
  'conflict-declaration': 'Khai xung đột lợi ích',
  scores: 'Chấm điểm',
  meeting: 'Lập biên bản họp Hội đồng',
  'effect-reports': 'Báo cáo hiệu quả áp dụng',
  'first-application': 'Ghi nhận hoàn thành áp dụng lần đầu',
  'effect-confirmation': 'Xác nhận hiệu quả',
  decision: 'Quyết định công nhận',
  appeal: 'Khiếu nại',
  replication: 'Chỉ định đơn vị nhân rộng',
  revocation: 'Hủy bỏ quyết định công nhận',
  'deadline-extension': 'Gia hạn xử lý',
  reassignment: 'Chuyển xử lý',
  reminders: 'Nhắc việc',
  attachments: 'Đính kèm tệp',
  'attachment-replacement': 'Thay tệp đính kèm',
};

export const POSITION_VI: Record<string, string> = {
  CHAIR: 'Chủ tịch Hội đồng',
  VICE_CHAIR: 'Phó Chủ tịch Hội đồng',
  SECRETARY: 'Thư ký Hội đồng',
  MEMBER: 'Ủy viên',
  UNION_REP: 'Đại diện công đoàn',
};

export const VOTE_VI = { AGREE: 'Đồng ý', DISAGREE: 'Không đồng ý', ABSTAIN: 'Không biểu quyết' } as const;

/** Kinds of unit (Quản trị, Đơn vị). */
export const UNIT_KIND_VI: Record<
  NonNullable<paths['/api/v1/admin/units']['post']['requestBody']>['content']['application/json']['kind'],
  string
> = {
  OFFICE: 'Cơ quan, phòng ban',
  SCHOOL: 'Trường học',
  HEALTH_STATION: 'Trạm y tế',
  RESIDENTIAL_AREA: 'Khu dân cư',
  ORGANISATION: 'Tổ chức đoàn thể',
};

/**
 * Each number of a rule pack in Vietnamese, in the order of the process. The voting mode and the likely-duplicate
 * rule are edited through the API for now; the form covers the periods and the figures every pack has.
 */
export const RULE_VI: Record<
  Exclude<keyof RulePack, 'version' | 'effectiveFrom' | 'description' | 'votingMode' | 'duplicateCheck'>,
  string
> = {
  timeBar: 'Thời hạn từ lần áp dụng đầu tiên đến khi nộp đơn',
  unitReviewSla: 'Thời hạn thủ trưởng đơn vị xem xét',
  amendmentPeriod: 'Thời hạn tác giả bổ sung hồ sơ',
  amendmentGrace: 'Thời gian chờ sau lời nhắc cuối trước khi coi như rút hồ sơ',
  registrationSla: 'Thời hạn tiếp nhận, vào sổ',
  formalCheckSla: 'Thời hạn kiểm tra tính hợp lệ',
  councilFormationSla: 'Thời hạn thành lập hoặc giao Hội đồng',
  scoringSla: 'Thời hạn chấm điểm (mỗi thành viên)',
  meetingSla: 'Thời hạn họp Hội đồng',
  decisionClock: 'Thời hạn ra quyết định công nhận',
  reminderFractions: 'Thời điểm nhắc việc (phần của thời hạn)',
  quorumFraction: 'Tỷ lệ thành viên có mặt để họp',
  approvalFraction: 'Tỷ lệ thành viên đồng ý để đề nghị công nhận',
  recusedLeaveDenominator: 'Thành viên không biểu quyết vì xung đột lợi ích được trừ khỏi tổng số',
  passMark: 'Điểm đạt (thang 100)',
  rubric: 'Tiêu chí chấm điểm',
  rewardLevels: 'Mức khen thưởng',
  trackingPeriod: 'Thời gian theo dõi hiệu quả áp dụng',
  reportingInterval: 'Kỳ báo cáo hiệu quả',
  reportReminderLead: 'Nhắc trước hạn báo cáo hiệu quả',
  confirmationSla: 'Thời hạn xác nhận hiệu quả',
  complaintWindow: 'Thời hạn khiếu nại',
  replicationCheckpoints: 'Các mốc theo dõi nhân rộng (sau khi công nhận)',
  provincialShare: 'Tỷ lệ đơn vị tương tự nhân rộng để đề xuất phạm vi tỉnh',
  remuneration: 'Thù lao cho tác giả',
  holidays: 'Ngày nghỉ lễ, Tết theo từng năm',
  yearRoundFiling: 'Nhận hồ sơ quanh năm, ngoài các đợt xét (đợt xét thường xuyên)',
};

/** Units of a duration (a rule pack's periods). */
export const DURATION_UNIT_VI = {
  workingDays: 'ngày làm việc',
  days: 'ngày',
  months: 'tháng',
  seconds: 'giây',
} as const;

/** The effect verdict a reward level asks for. */
export const VERDICT_VI = {
  EFFECTIVE: 'có hiệu quả',
  NOT_EFFECTIVE: 'chưa đạt hiệu quả',
  ANY: 'mọi kết luận',
} as const;

/** Why a case was refused in a bulk action (Giám sát), in words. */
export const REFUSAL_VI: Record<string, string> = {
  CASE_CLOSED: 'hồ sơ đã kết thúc',
  INITIATIVE_NOT_FOUND: 'không tìm thấy hồ sơ',
  NO_DEADLINE: 'bước hiện tại không có hạn xử lý để gia hạn',
  WRONG_STEP: 'hồ sơ đang ở bước không gia hạn được',
  FORBIDDEN_ROLE: 'bạn không có quyền với hồ sơ này',
  OUT_OF_SCOPE: 'hồ sơ ngoài phạm vi của bạn',
  REASONS_REQUIRED: 'cần nêu lý do',
  INVALID_INPUT: 'dữ liệu không hợp lệ',
};
