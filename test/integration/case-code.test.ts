/** A case's short code: given once at filing, consecutive in the year, on every list, found by search, on the receipt. */
import { execFileSync } from 'node:child_process';
import { vnYear } from '../../src/domain/duration';
import { api, eventually } from '../support/harness';
import { useHarness } from '../support/use-harness';

const h = useHarness({ people: ['giaovien.thcs', 'hieutruong.thcs', 'thuky', 'giamsat'] });

const as = (u: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  api(h, h.token(u), method, path, body, headers);
const dossier = (title: string) => ({
  title,
  unitId: 'truong-thcs',
  field: 'Giáo dục',
  firstAppliedOn: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10),
  summary: 'Mỗi lớp một bảng theo dõi chuyên cần trên điện thoại.',
  authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
});
const seqOf = (code: string) => Number(code.split('-')[2]);

test('when two dossiers are filed, then each gets the next code of the year, kept on a retry and shown on every list', async () => {
  const key = { 'Idempotency-Key': `case-code-${Date.now()}` };
  const first = await as('giaovien.thcs', 'POST', '/api/v1/initiatives', dossier('Bảng chuyên cần số'), key);
  expect(first.status).toBe(201);
  const code: string = first.body.code;
  expect(code).toMatch(new RegExp(`^SK-${vnYear(Date.now())}-\\d{4}$`));
  // The same request sent again (its answer lost) is the same case with the same code.
  const again = await as('giaovien.thcs', 'POST', '/api/v1/initiatives', dossier('Bảng chuyên cần số'), key);
  expect(again.body).toMatchObject({ id: first.body.id, code });
  const second = await as('giaovien.thcs', 'POST', '/api/v1/initiatives', dossier('Sổ mượn sách điện tử'));
  expect(seqOf(second.body.code)).toBe(seqOf(code) + 1);

  const id: string = first.body.id;
  await eventually(async () => (await h.repos.cases.findById(id)) ?? undefined);
  expect((await as('giaovien.thcs', 'GET', `/api/v1/initiatives/${id}`)).body.code).toBe(code);
  const task = await eventually(async () => {
    const r = await as('hieutruong.thcs', 'GET', '/api/v1/me/tasks');
    return r.body.items.find((t: { initiativeId: string }) => t.initiativeId === id);
  });
  expect(task.code).toBe(code);

  // Typed as a person would read it aloud: lower case, spaces around. Only that case answers.
  for (const u of ['giaovien.thcs', 'giamsat']) {
    const found = await as(
      u,
      'GET',
      `/api/v1/initiatives?q=${encodeURIComponent(` ${code.toLowerCase()} `)}`,
    );
    expect(found.body.items.map((i: { id: string; code: string }) => [i.id, i.code])).toEqual([[id, code]]);
  }
});

test('when the secretary registers a dossier, then its receipt prints the case code', async () => {
  const filed = await as('giaovien.thcs', 'POST', '/api/v1/initiatives', dossier('Lịch trực nhật tự động'));
  const { id, code } = filed.body as { id: string; code: string };
  await eventually(async () => (await h.repos.cases.findById(id)) ?? undefined);
  const path = (p: string) => `/api/v1/initiatives/${id}/${p}`;
  expect(
    (
      await as('hieutruong.thcs', 'POST', path('unit-review'), {
        outcome: 'ENDORSE',
        confirmedApplication: true,
      })
    ).status,
  ).toBe(200);
  expect((await as('thuky', 'POST', path('registration'))).status).toBe(200);
  const receipt = await eventually(async () =>
    (await h.repos.documents.list(id)).find((d) => d.kind === 'RECEIPT'),
  );
  const doc = (await h.repos.documents.byKey(receipt.key))!;
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: doc.pdf }).toString('utf8');
  expect(text.replace(/\s+/g, ' ')).toContain(`Mã hồ sơ: ${code}.`);
});
