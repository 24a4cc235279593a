/** The roles' Vietnamese names, in one place: as a title (lists, the stuck board) and inside a sentence (refusals). */
import type { Role } from '../contracts/initiative';

/** A role's name as a title. */
export const ROLE_VI: Record<Role, string> = {
  SUBMITTER: 'Tác giả sáng kiến',
  UNIT_HEAD: 'Thủ trưởng đơn vị',
  SECRETARY: 'Thư ký Hội đồng',
  COUNCIL_MEMBER: 'Thành viên Hội đồng',
  CHAIRMAN: 'Chủ tịch UBND xã',
  SUPERVISOR: 'Cán bộ thi đua – khen thưởng',
  ADMIN: 'Quản trị hệ thống',
};

/** A role's name inside a sentence ("Chỉ thư ký Hội đồng được …"). */
export const ROLE_IN_SENTENCE: Record<Role, string> = {
  SUBMITTER: 'tác giả',
  UNIT_HEAD: 'thủ trưởng đơn vị',
  SECRETARY: 'thư ký Hội đồng',
  COUNCIL_MEMBER: 'thành viên Hội đồng',
  CHAIRMAN: 'Chủ tịch UBND xã',
  SUPERVISOR: 'cán bộ thi đua – khen thưởng',
  ADMIN: 'quản trị hệ thống',
};
