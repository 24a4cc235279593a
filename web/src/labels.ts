/** Vietnamese names of the stages, steps, statuses, roles and actions (ui.md glossary). */
import type { CaseStatus, Role, Stage, Step } from '../../src/contracts/initiative';
import type { CaseAction } from '../../src/domain/actions';

export const STAGE_ORDER: Stage[] = [
  'UNIT_RECOMMENDATION',
  'COUNCIL_EVALUATION',
  'EFFECT_TRACKING',
  'REWARD_DECISION',
  'REPLICATION_FOLLOW_UP',
];

export const STAGE_VI: Record<Stage, string> = {
  UNIT_RECOMMENDATION: 'Đơn vị đề xuất',
  COUNCIL_EVALUATION: 'Hội đồng sáng kiến thẩm định',
  EFFECT_TRACKING: 'Theo dõi hiệu quả áp dụng',
  REWARD_DECISION: 'Công nhận, khen thưởng',
  REPLICATION_FOLLOW_UP: 'Nhân rộng',
};

export const STEP_VI: Record<Step, string> = {
  UNIT_REVIEW: 'Thủ trưởng đơn vị xem xét',
  AMENDMENT: 'Chờ tác giả bổ sung',
  REGISTRATION: 'Chờ tiếp nhận, vào sổ',
  FORMAL_CHECK: 'Kiểm tra tính hợp lệ',
  COUNCIL_FORMATION: 'Thành lập Hội đồng',
  SCORING: 'Chờ chấm điểm',
  MEETING: 'Họp Hội đồng',
  EFFECT_REPORTING: 'Báo cáo hiệu quả áp dụng',
  EFFECT_CONFIRMATION: 'Xác nhận hiệu quả',
  DECISION: 'Chờ Chủ tịch UBND xã quyết định',
  APPEAL_WINDOW: 'Thời hạn khiếu nại',
  REPLICATION: 'Nhân rộng',
  CLOSED: 'Đã kết thúc',
};

export const STATUS_VI: Record<CaseStatus, string> = {
  OPEN: 'Đang xử lý',
  COMPLETED: 'Đã công nhận',
  REJECTED: 'Không công nhận',
  WITHDRAWN: 'Đã rút',
  REVOKED: 'Đã hủy bỏ công nhận',
};

export const ROLE_VI: Record<Role, string> = {
  SUBMITTER: 'Tác giả sáng kiến',
  UNIT_HEAD: 'Thủ trưởng đơn vị',
  SECRETARY: 'Thư ký Hội đồng',
  COUNCIL_MEMBER: 'Thành viên Hội đồng',
  CHAIRMAN: 'Chủ tịch UBND xã',
  SUPERVISOR: 'Cán bộ thi đua – khen thưởng',
  ADMIN: 'Quản trị hệ thống',
};

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
};

export const POSITION_VI: Record<string, string> = {
  CHAIR: 'Chủ tịch Hội đồng',
  VICE_CHAIR: 'Phó Chủ tịch Hội đồng',
  SECRETARY: 'Thư ký Hội đồng',
  MEMBER: 'Ủy viên',
  UNION_REP: 'Đại diện công đoàn',
};

export const VOTE_VI = { AGREE: 'Đồng ý', DISAGREE: 'Không đồng ý', ABSTAIN: 'Không biểu quyết' } as const;
