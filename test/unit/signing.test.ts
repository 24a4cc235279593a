/** Who signs in what capacity (NĐ30/2020 Art. 8, the authority line): from offices and delegations, never typed. */
import {
  declaredCapacityProblem,
  signingAuthority,
  type Delegation,
  type OfficeTerm,
} from '../../src/domain/signing';

const terms: OfficeTerm[] = [
  { id: 't1', office: 'CHU_TICH', personId: 'binh', from: '2025-07-01', to: null, basis: 'NQ bầu Chủ tịch' },
  {
    id: 't2',
    office: 'PHO_CHU_TICH',
    personId: 'le',
    from: '2025-07-01',
    to: '2026-12-31',
    basis: 'NQ bầu PCT',
  },
];
const delegations: Delegation[] = [
  {
    id: 'd1',
    personId: 'le',
    scope: 'sáng kiến',
    from: '2026-01-01',
    to: '2026-06-30',
    basis: 'QĐ phân công',
  },
];

describe('signing authority', () => {
  test('when the chairman signs, then the line is CHỦ TỊCH with no delegation', () => {
    expect(signingAuthority('binh', '2026-12-02', terms, delegations)).toEqual({
      office: 'CHU_TICH',
      termId: 't1',
      authority: null,
      title: 'CHỦ TỊCH',
      delegation: null,
    });
  });

  test('when a vice-chairman signs within a delegation, then the line is KT. CHỦ TỊCH / PHÓ CHỦ TỊCH and names it', () => {
    expect(signingAuthority('le', '2026-03-15', terms, delegations)).toMatchObject({
      office: 'PHO_CHU_TICH',
      authority: 'KT. CHỦ TỊCH',
      title: 'PHÓ CHỦ TỊCH',
      delegation: { id: 'd1', basis: 'QĐ phân công' },
    });
  });

  test('when the delegation or the term has ended, or the person holds no office, then signing is refused', () => {
    expect(signingAuthority('le', '2026-07-01', terms, delegations)).toMatchObject({ code: 'NO_DELEGATION' });
    expect(signingAuthority('le', '2027-01-01', terms, [{ ...delegations[0]!, to: null }])).toMatchObject({
      code: 'NO_SIGNING_OFFICE',
    });
    expect(signingAuthority('someone', '2026-03-15', terms, delegations)).toMatchObject({
      code: 'NO_SIGNING_OFFICE',
    });
  });

  test('when a person declares a capacity the directory does not give, then it is refused with the right one', () => {
    const chair = signingAuthority('binh', '2026-12-02', terms, delegations);
    const vice = signingAuthority('le', '2026-03-15', terms, delegations);
    if ('code' in chair || 'code' in vice) throw new Error('expected both to sign');
    expect(declaredCapacityProblem('PHO_CHU_TICH', chair)).toMatch(/không ký thay/);
    expect(declaredCapacityProblem('CHU_TICH', vice)).toMatch(/không ký với chức danh "CHỦ TỊCH"/);
    expect(declaredCapacityProblem(undefined, vice)).toBeNull();
    expect(declaredCapacityProblem('PHO_CHU_TICH', vice)).toBeNull();
  });
});
