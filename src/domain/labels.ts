/** The Vietnamese names of the stages, steps and statuses (ui.md glossary): the web app's and the spreadsheets'. */
import type { CaseStatus, Stage, Step } from '../contracts/initiative';

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
