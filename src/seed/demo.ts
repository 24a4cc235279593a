/**
 * The demo commune (Thanh Thủy, from the movement letter in shared/seed): its units, one or more people per role and
 * the standing council of the year. Seeded in embedded mode only; idempotent (an existing record is left as it is).
 */
import type { Role } from '../contracts/initiative';
import type { CouncilMember } from '../domain/council';
import type { DirectoryRepository, UnitRecord } from '../db/directory';
import type { OfficeRepository } from '../db/offices';
import type { Delegation, OfficeTerm } from '../domain/signing';
import { isDuplicateKeyError } from '../db/cases';
import { foldVietnamese } from '../domain/text';
import { hashPassword } from '../gateway/auth';

/** Units named in the letter's addressees. */
export const DEMO_UNITS: Pick<UnitRecord, '_id' | 'name' | 'kind'>[] = [
  { _id: 'van-phong-dang-uy', name: 'Văn phòng Đảng ủy', kind: 'ORGANISATION' },
  { _id: 'mttq', name: 'Ủy ban MTTQ Việt Nam xã', kind: 'ORGANISATION' },
  { _id: 'van-phong-ubnd', name: 'Văn phòng HĐND và UBND xã', kind: 'OFFICE' },
  { _id: 'phong-van-hoa-xa-hoi', name: 'Phòng Văn hóa - Xã hội', kind: 'OFFICE' },
  { _id: 'phong-kinh-te', name: 'Phòng Kinh tế', kind: 'OFFICE' },
  { _id: 'truong-mam-non', name: 'Trường Mầm non Thanh Thủy', kind: 'SCHOOL' },
  { _id: 'truong-tieu-hoc', name: 'Trường Tiểu học Thanh Thủy', kind: 'SCHOOL' },
  { _id: 'truong-thcs', name: 'Trường THCS Thanh Thủy', kind: 'SCHOOL' },
  { _id: 'tram-y-te', name: 'Trạm Y tế xã Thanh Thủy', kind: 'HEALTH_STATION' },
  { _id: 'khu-dan-cu-1', name: 'Khu dân cư số 1', kind: 'RESIDENTIAL_AREA' },
  { _id: 'khu-dan-cu-2', name: 'Khu dân cư số 2', kind: 'RESIDENTIAL_AREA' },
  { _id: 'khu-dan-cu-3', name: 'Khu dân cư số 3', kind: 'RESIDENTIAL_AREA' },
];

/** The standing council of 2026. */
export const DEMO_COUNCIL_ID = 'hdsk-2026';

interface DemoPerson {
  id: string;
  username: string;
  fullName: string;
  roles: Role[];
  unitIds?: string[];
  councilIds?: string[];
}

/** A demo person's address, in a domain reserved for examples (RFC 2606): mail there only reaches the catcher. */
export function demoEmail(username: string): string {
  return `${username}@thanhthuy.example`;
}

/** One or more people per role. */
export const DEMO_PEOPLE: DemoPerson[] = [
  { id: 'p-admin', username: 'quantri', fullName: 'Đinh Quang Huy', roles: ['ADMIN'] },
  {
    id: 'p-chutich',
    username: 'chutich',
    fullName: 'Hoàng Văn Bình',
    roles: ['CHAIRMAN', 'COUNCIL_MEMBER'],
    councilIds: [DEMO_COUNCIL_ID],
  },
  { id: 'p-phochutich', username: 'phochutich', fullName: 'Nguyễn Thị Lệ', roles: ['CHAIRMAN'] },
  {
    id: 'p-thuky',
    username: 'thuky',
    fullName: 'Vũ Thị Thu',
    roles: ['SECRETARY', 'COUNCIL_MEMBER'],
    councilIds: [DEMO_COUNCIL_ID],
  },
  {
    id: 'p-uyvien1',
    username: 'uyvien1',
    fullName: 'Trần Quốc Toản',
    roles: ['COUNCIL_MEMBER'],
    councilIds: [DEMO_COUNCIL_ID],
  },
  {
    id: 'p-uyvien2',
    username: 'uyvien2',
    fullName: 'Ngô Thị Hạnh',
    roles: ['COUNCIL_MEMBER'],
    councilIds: [DEMO_COUNCIL_ID],
  },
  { id: 'p-giamsat', username: 'giamsat', fullName: 'Bùi Minh Châu', roles: ['SUPERVISOR'] },
  {
    id: 'p-ht-thcs',
    username: 'hieutruong.thcs',
    fullName: 'Lê Văn Hùng',
    roles: ['UNIT_HEAD'],
    unitIds: ['truong-thcs'],
  },
  {
    id: 'p-tt-yte',
    username: 'truongtram.yte',
    fullName: 'Phạm Thị Mai',
    roles: ['UNIT_HEAD'],
    unitIds: ['tram-y-te'],
  },
  {
    id: 'p-ht-mamnon',
    username: 'hieutruong.mamnon',
    fullName: 'Đỗ Thị Lan',
    roles: ['UNIT_HEAD'],
    unitIds: ['truong-mam-non'],
  },
  {
    id: 'p-gv-thcs',
    username: 'giaovien.thcs',
    fullName: 'Nguyễn Thị Hương Trà',
    roles: ['SUBMITTER'],
    unitIds: ['truong-thcs'],
  },
  { id: 'p-yta', username: 'yta', fullName: 'Trần Văn Nam', roles: ['SUBMITTER'], unitIds: ['tram-y-te'] },
];

const DEMO_COUNCIL_MEMBERS: CouncilMember[] = [
  { personId: 'p-chutich', fullName: 'Hoàng Văn Bình', position: 'CHAIR' },
  { personId: 'p-thuky', fullName: 'Vũ Thị Thu', position: 'SECRETARY' },
  { personId: 'p-uyvien1', fullName: 'Trần Quốc Toản', position: 'MEMBER' },
  { personId: 'p-uyvien2', fullName: 'Ngô Thị Hạnh', position: 'MEMBER' },
];

/** The People's Committee's chairman and vice-chairman since the commune was formed (1/7/2025). Demo data. */
const DEMO_TERMS: OfficeTerm[] = [
  {
    id: 'term-chutich-2025',
    office: 'CHU_TICH',
    personId: 'p-chutich',
    from: '2025-07-01',
    to: null,
    basis: 'Nghị quyết của HĐND xã về việc bầu Chủ tịch UBND xã nhiệm kỳ 2021–2026 (dữ liệu mẫu)',
  },
  {
    id: 'term-phochutich-2025',
    office: 'PHO_CHU_TICH',
    personId: 'p-phochutich',
    from: '2025-07-01',
    to: null,
    basis: 'Nghị quyết của HĐND xã về việc bầu Phó Chủ tịch UBND xã nhiệm kỳ 2021–2026 (dữ liệu mẫu)',
  },
  // The heads of the units whose people file in the demo: their decisions on a case record the term they act in.
  ...(
    [
      ['p-ht-thcs', 'truong-thcs', 'Hiệu trưởng Trường THCS'],
      ['p-tt-yte', 'tram-y-te', 'Trạm trưởng Trạm Y tế'],
      ['p-ht-mamnon', 'truong-mam-non', 'Hiệu trưởng Trường Mầm non'],
    ] as const
  ).map(([personId, unitId, title]): OfficeTerm => ({
    id: `term-head-${unitId}-2025`,
    office: 'THU_TRUONG_DON_VI',
    personId,
    unitId,
    from: '2025-07-01',
    to: null,
    basis: `Quyết định của Chủ tịch UBND xã về việc bổ nhiệm ${title} (dữ liệu mẫu)`,
  })),
];

/** The vice-chairman signs for the chairman in the field of science, technology and initiatives. Demo data. */
const DEMO_DELEGATIONS: Delegation[] = [
  {
    id: 'delegation-phochutich-khcn',
    personId: 'p-phochutich',
    scope: 'khoa học, công nghệ và sáng kiến',
    from: '2025-07-01',
    to: null,
    basis:
      'Quy chế làm việc của UBND xã và Quyết định phân công nhiệm vụ Chủ tịch, Phó Chủ tịch UBND xã (dữ liệu mẫu)',
  },
];

async function insertOnce(create: () => Promise<unknown>): Promise<boolean> {
  try {
    await create();
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/** Seeds the demo commune; returns how many records were added. */
export async function seedDemoCommune(
  directory: DirectoryRepository,
  offices: OfficeRepository,
  password: string,
): Promise<number> {
  let added = 0;
  const now = new Date();
  for (const u of DEMO_UNITS)
    if (await insertOnce(() => directory.units.create({ ...u, createdAt: now }))) added++;
  const existing = new Set(
    (await directory.people.find({}, { _id: 1 }).lean<{ _id: string }[]>().exec()).map((p) => p._id),
  );
  const passwordHash = DEMO_PEOPLE.some((p) => !existing.has(p.id)) ? await hashPassword(password) : '';
  for (const p of DEMO_PEOPLE) {
    if (existing.has(p.id)) {
      // A data folder seeded before people had addresses gets theirs.
      await directory.people
        .updateOne({ _id: p.id, email: null }, { $set: { email: demoEmail(p.username) } })
        .exec();
      continue;
    }
    const record = {
      _id: p.id,
      username: p.username,
      fullName: p.fullName,
      fullNameFolded: foldVietnamese(p.fullName),
      passwordHash,
      roles: p.roles,
      unitIds: p.unitIds ?? [],
      councilIds: p.councilIds ?? [],
      active: true,
      createdAt: now,
      email: demoEmail(p.username),
    };
    if (await insertOnce(() => directory.people.create(record))) added++;
  }
  const council = {
    _id: DEMO_COUNCIL_ID,
    name: 'Hội đồng sáng kiến xã Thanh Thủy năm 2026',
    year: 2026,
    members: DEMO_COUNCIL_MEMBERS,
    createdAt: now,
  };
  if (await insertOnce(() => directory.councils.create(council))) added++;
  for (const t of DEMO_TERMS) if (await insertOnce(() => offices.terms.create({ _id: t.id, ...t }))) added++;
  for (const d of DEMO_DELEGATIONS)
    if (await insertOnce(() => offices.delegations.create({ _id: d.id, ...d }))) added++;
  return added;
}
