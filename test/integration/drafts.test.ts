/** Drafts of a filing: saved as typed, resumed by their owner only, limited in number, deleted on sending. */
import { MAX_DRAFTS_PER_PERSON } from '../../src/db/drafts';
import { api, login } from '../support/harness';
import { useHarness } from '../support/use-harness';

const h = useHarness();

test('when a submitter saves a draft, then only they can resume it, and deleting it twice answers 404', async () => {
  const author = await login(h, 'giaovien.thcs');
  const other = await login(h, 'yta');
  const id = `draft${Date.now()}`;
  const data = { title: 'Sổ tay', authors: [{ fullName: 'Nguyễn Thị Hương Trà', share: '100' }] };
  expect((await api(h, author, 'PUT', `/api/v1/me/drafts/${id}`, { title: 'Sổ tay', data })).status).toBe(
    204,
  );
  const resumed = await api(h, author, 'GET', `/api/v1/me/drafts/${id}`);
  expect(resumed).toMatchObject({ status: 200, body: { id, title: 'Sổ tay', data } });
  expect(
    (await api(h, author, 'GET', '/api/v1/me/drafts')).body.items.map((d: { id: string }) => d.id),
  ).toContain(id);

  // Someone else can neither read it nor overwrite it.
  expect((await api(h, other, 'GET', `/api/v1/me/drafts/${id}`)).body.code).toBe('DRAFT_NOT_FOUND');
  const overwrite = await api(h, other, 'PUT', `/api/v1/me/drafts/${id}`, { title: 'x', data: {} });
  expect(overwrite).toMatchObject({ status: 409, body: { code: 'DRAFT_ID_TAKEN' } });
  expect((await api(h, author, 'GET', `/api/v1/me/drafts/${id}`)).body.title).toBe('Sổ tay');

  expect((await api(h, author, 'DELETE', `/api/v1/me/drafts/${id}`)).status).toBe(204);
  expect((await api(h, author, 'DELETE', `/api/v1/me/drafts/${id}`)).status).toBe(404);
});

test('when a draft holds odd keys and nested arrays, then it is kept as given (fuzzing found a 500)', async () => {
  const author = await login(h, 'giaovien.thcs');
  const data = { $where: 'x', 'a.b': [[1, [2]], {}], 'ºð-\u001fË': [{}, [], 6673842983] };
  const saved = await api(h, author, 'PUT', '/api/v1/me/drafts/odd-keys-draft', { title: '', data });
  expect(saved.status).toBe(204);
  expect((await api(h, author, 'GET', '/api/v1/me/drafts/odd-keys-draft')).body.data).toEqual(data);
});

test('when a person already keeps the maximum number of drafts, then a new one is refused with a reason', async () => {
  const author = await login(h, 'yta');
  for (let i = 0; i < MAX_DRAFTS_PER_PERSON; i++) {
    const r = await api(h, author, 'PUT', `/api/v1/me/drafts/max-${i}-draft`, {
      title: `Nháp ${i}`,
      data: {},
    });
    expect(r.status).toBe(204);
  }
  const refused = await api(h, author, 'PUT', '/api/v1/me/drafts/max-extra-draft', {
    title: 'Thêm',
    data: {},
  });
  expect(refused).toMatchObject({ status: 409, body: { code: 'TOO_MANY_DRAFTS' } });
  // Saving an existing one again is still fine.
  expect(
    (await api(h, author, 'PUT', '/api/v1/me/drafts/max-0-draft', { title: 'Sửa', data: {} })).status,
  ).toBe(204);
});
