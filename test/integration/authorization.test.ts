/**
 * The authorization matrix: every role against every endpoint. A role an endpoint does not allow is refused with 403
 * before anything else happens, and nothing changes; an allowed role passes the role gate (its successful use of
 * each decision is in api-lifecycle.test.ts). Cases are visible only to their participants.
 */
import { getStateQuery, type Role } from '../../src/contracts/initiative';
import { api, eventually, login } from '../support/harness';
import { useHarness } from '../support/use-harness';
import { concretePath, declaredRoutes, DEMO_BY_ROLE } from '../support/routes';

const h = useHarness();
const tokens: Partial<Record<Role, string>> = {};
let caseId: string;
beforeAll(async () => {
  for (const [role, p] of Object.entries(DEMO_BY_ROLE)) tokens[role as Role] = await login(h, p.username);
  const filed = await api(h, tokens.SUBMITTER!, 'POST', '/api/v1/initiatives', {
    title: 'Tủ thuốc cộng đồng',
    unitId: 'truong-thcs',
    field: 'Y tế học đường',
    firstAppliedOn: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Tủ thuốc dùng chung cho học sinh.',
    authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
  });
  caseId = filed.body.id;
  await eventually(async () => (await h.repos.cases.findById(caseId)) ?? undefined);
});

const routes = declaredRoutes().filter((r) => typeof r.access !== 'string');

test.each(Object.keys(DEMO_BY_ROLE) as Role[])(
  'when %s calls every role-restricted endpoint, then exactly the forbidden ones answer 403 and those change nothing',
  async (role) => {
    const held = DEMO_BY_ROLE[role].roles as readonly Role[];
    const isAllowed = (r: (typeof routes)[number]) =>
      (r.access as readonly Role[]).some((x) => held.includes(x));
    const call = (r: (typeof routes)[number]) =>
      // An empty body: a forbidden role is refused before validation; an allowed one reaches validation or more.
      api(
        h,
        tokens[role]!,
        r.method.toUpperCase(),
        concretePath(r.path, { id: caseId }),
        r.method === 'get' ? undefined : {},
      );
    const wrong: string[] = [];

    // Let earlier allowed calls (a reminder, say) finish writing before taking the snapshot.
    const live = await h.client.workflow.getHandle(`initiative:${caseId}`).query(getStateQuery);
    const before = await eventually(async () => {
      const r = await h.repos.cases.findById(caseId);
      return r?.revision === live.revision ? r : undefined;
    });
    const counts = async () => [
      await h.repos.cases.model.countDocuments(),
      await h.repos.audit.model.countDocuments(),
      await h.repos.legalRecord.model.countDocuments(),
    ];
    const countsBefore = await counts();
    for (const r of routes.filter((x) => !isAllowed(x))) {
      const res = await call(r);
      if (!(res.status === 403 && res.body?.code === 'FORBIDDEN_ROLE'))
        wrong.push(`${r.method} ${r.path} gave ${res.status}`);
    }
    expect((await h.repos.cases.findById(caseId))!.revision).toBe(before.revision);
    expect(await counts()).toEqual(countsBefore);

    for (const r of routes.filter(isAllowed)) {
      const res = await call(r);
      expect(res.status).toBeLessThan(500);
      if (res.status === 403 && res.body?.code === 'FORBIDDEN_ROLE')
        wrong.push(`${r.method} ${r.path} refused an allowed role`);
    }
    expect(wrong).toEqual([]);
  },
);

test('when each role reads the case, then only its participants see it', async () => {
  const seen: Record<string, number> = {};
  for (const role of Object.keys(DEMO_BY_ROLE) as Role[]) {
    seen[role] = (await api(h, tokens[role]!, 'GET', `/api/v1/initiatives/${caseId}`)).status;
  }
  expect(seen).toEqual({
    SUBMITTER: 200, // the author
    UNIT_HEAD: 200, // head of the case's unit
    SECRETARY: 200,
    COUNCIL_MEMBER: 404, // no council assigned yet
    CHAIRMAN: 200,
    SUPERVISOR: 200,
    ADMIN: 404, // administrators manage the directory, not cases
  });
  const otherHead = await login(h, 'truongtram.yte');
  expect((await api(h, otherHead, 'GET', `/api/v1/initiatives/${caseId}/record`)).status).toBe(404);
});

test('when the author of a case tries a unit head’s decision with a unit head account of another unit, then 404', async () => {
  const otherHead = await login(h, 'truongtram.yte');
  const res = await api(h, otherHead, 'POST', `/api/v1/initiatives/${caseId}/unit-review`, {
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  expect(res.status).toBe(404);
  expect((await h.repos.cases.findById(caseId))!.step).toBe('UNIT_REVIEW');
});

test('when a step is reassigned to someone without its role, then they may take it through the API, and only they', async () => {
  const filed = await api(h, tokens.SUBMITTER!, 'POST', '/api/v1/initiatives', {
    title: 'Góc sơ cứu lớp học',
    unitId: 'truong-thcs',
    field: 'Y tế học đường',
    firstAppliedOn: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Mỗi lớp một hộp sơ cứu.',
    authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
  });
  const id = filed.body.id as string;
  await eventually(async () => (await h.repos.cases.findById(id)) ?? undefined);
  const reassigned = await api(h, tokens.SUPERVISOR!, 'POST', `/api/v1/initiatives/${id}/reassignment`, {
    personId: 'p-uyvien1',
    reason: 'Thủ trưởng đơn vị nghỉ phép, giao ủy viên xem xét thay.',
  });
  expect(reassigned.status).toBe(200);
  const review = (token: string) =>
    api(h, token, 'POST', `/api/v1/initiatives/${id}/unit-review`, {
      outcome: 'ENDORSE',
      confirmedApplication: true,
    });
  // The secretary holds no unit head's role and the step is not theirs: refused before anything else.
  expect((await review(tokens.SECRETARY!)).body).toMatchObject({ status: 403, code: 'FORBIDDEN_ROLE' });
  const taken = await review(tokens.COUNCIL_MEMBER!);
  expect(taken.status).toBe(200);
  expect(taken.body.state.step).toBe('REGISTRATION');
});
