/** A unit renamed or closed keeps its history: its cases stay its own, a closed unit takes no new filing. */
import { useHarness } from '../support/use-harness';

const h = useHarness({ people: ['quantri', 'giaovien.thcs', 'giamsat', 'yta'] });
const file = (user: string, unitId: string, title: string) =>
  h.as(user).post('/api/v1/initiatives', {
    title,
    unitId,
    field: 'Y tế',
    firstAppliedOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Sổ theo dõi tiêm chủng điện tử cho trẻ em của xã.',
    authors: [{ personId: 'p-yta', fullName: 'Trần Văn Nam', sharePercent: 100 }],
  });

test('when a unit is renamed, closed and opened again, then its cases stay its own and filings follow its state', async () => {
  const filed = await file('yta', 'tram-y-te', 'Sổ tiêm chủng điện tử');
  expect(filed.status).toBe(201);
  const admin = h.as('quantri');

  let r = await admin.call('PATCH', '/api/v1/admin/units/tram-y-te', {
    name: 'Trạm Y tế xã Thanh Thủy (cơ sở 2)',
  });
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ name: 'Trạm Y tế xã Thanh Thủy (cơ sở 2)', closed: false });
  expect(r.body.formerNames).toEqual([{ name: 'Trạm Y tế xã Thanh Thủy', until: expect.any(String) }]);
  expect((await h.as('giamsat').get(`/api/v1/initiatives/${filed.body.id}`)).body.dossier.unitId).toBe(
    'tram-y-te',
  );

  r = await admin.call('PATCH', '/api/v1/admin/units/tram-y-te', { closed: true });
  expect(r.status).toBe(400);
  expect(r.body.errors[0].message).toBe('Cần ghi lý do đóng đơn vị (ví dụ: sáp nhập vào đơn vị khác)');
  r = await admin.call('PATCH', '/api/v1/admin/units/tram-y-te', {
    closed: true,
    reason: 'Sáp nhập vào Trung tâm Y tế',
  });
  expect(r.body).toMatchObject({ closed: true, closedReason: 'Sáp nhập vào Trung tâm Y tế' });
  const units = await h.as(null).get('/api/v1/units');
  expect(units.body.find((u: { id: string }) => u.id === 'tram-y-te')).toMatchObject({ closed: true });

  // No new filing; the case filed before stays readable and its own.
  const refused = await file('yta', 'tram-y-te', 'Sổ khám sức khỏe học đường');
  expect(refused).toMatchObject({ status: 422, body: { code: 'UNIT_CLOSED' } });
  expect(refused.body.detail).toBe('Trạm Y tế xã Thanh Thủy (cơ sở 2) đã đóng nên không nhận hồ sơ mới.');
  expect((await h.as('yta').get(`/api/v1/initiatives/${filed.body.id}`)).status).toBe(200);

  r = await admin.call('PATCH', '/api/v1/admin/units/tram-y-te', { closed: false });
  expect(r.body.closed).toBe(false);
  expect((await file('yta', 'tram-y-te', 'Sổ khám sức khỏe học đường')).status).toBe(201);

  expect((await h.as('giamsat').call('PATCH', '/api/v1/admin/units/tram-y-te', { name: 'X' })).status).toBe(
    403,
  );
  expect((await admin.call('PATCH', '/api/v1/admin/units/khong-co', { name: 'X' })).body.code).toBe(
    'UNIT_NOT_FOUND',
  );
});
