/** Quản trị › Bộ quy tắc: the versions, the one in force, a version's figures with their basis, and publishing. */
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { RulePack } from '../../../../src/domain/rule-pack';
import { QueryStatus } from '../../components/feedback';
import { Failure, Loading } from '../../components/layout';
import { useSearchParam } from '../../components/search-params';
import { formatDateTime } from '../../format';
import { RULE_VI } from '../../labels';
import { PublishPack } from './rule-pack-publish';
import { basisVi, completePack, RULE_KEYS, ruleValueVi } from './rule-values';

export function RulePacksTab({ canPublish }: { canPublish: boolean }) {
  const list = useQuery({
    queryKey: ['admin', 'rule-packs'],
    queryFn: () => call(() => api.GET('/api/v1/admin/rule-packs')),
  });
  const [params, setParam] = useSearchParam();
  const now = Date.now();
  const inForce = useMemo(
    () =>
      [...(list.data ?? [])].filter((p) => Date.parse(p.effectiveFrom) <= now).at(-1)?.version ??
      list.data?.[0]?.version,
    [list.data, now],
  );
  const version = params.get('phienBan') ?? inForce ?? null;
  const [publishing, setPublishing] = useState(false);
  const choose = (v: string) => setParam('phienBan', v);

  return (
    <section aria-labelledby="packs-title">
      <h2 id="packs-title">Bộ quy tắc</h2>
      <p className="meta">
        Mỗi hồ sơ dùng phiên bản có hiệu lực khi nộp đơn. Phiên bản đã ban hành không được sửa; muốn đổi một
        con số, ban hành phiên bản mới.
      </p>
      <QueryStatus query={list} what="các phiên bản" />
      {list.data && (
        <table className="responsive">
          <caption className="visually-hidden">Các phiên bản bộ quy tắc</caption>
          <thead>
            <tr>
              <th scope="col">Phiên bản</th>
              <th scope="col">Hiệu lực từ</th>
              <th scope="col">Mô tả</th>
              <th scope="col">
                <span className="visually-hidden">Xem</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((p) => (
              <tr key={p.version} aria-current={p.version === version ? 'true' : undefined}>
                <td data-label="Phiên bản">
                  <strong>{p.version}</strong>{' '}
                  {p.version === inForce ? (
                    <span className="tag tag-ok">Đang áp dụng</span>
                  ) : Date.parse(p.effectiveFrom) > now ? (
                    <span className="tag tag-warn">Sắp có hiệu lực</span>
                  ) : (
                    <span className="tag tag-muted">Phiên bản cũ</span>
                  )}
                </td>
                <td data-label="Hiệu lực từ">{formatDateTime(p.effectiveFrom)}</td>
                <td data-label="Mô tả">{typeof p['description'] === 'string' ? p['description'] : ''}</td>
                <td data-label="Xem">
                  <button
                    type="button"
                    className="btn btn-secondary"
                    aria-pressed={p.version === version}
                    onClick={() => {
                      setPublishing(false);
                      choose(p.version);
                    }}
                  >
                    Xem<span className="visually-hidden"> phiên bản {p.version}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {version && (
        <RulePackView
          key={version}
          version={version}
          canPublish={canPublish}
          publishing={publishing}
          setPublishing={setPublishing}
          onPublished={(v) => {
            setPublishing(false);
            choose(v);
          }}
        />
      )}
    </section>
  );
}

function RulePackView({
  version,
  canPublish,
  publishing,
  setPublishing,
  onPublished,
}: {
  version: string;
  canPublish: boolean;
  publishing: boolean;
  setPublishing: (b: boolean) => void;
  onPublished: (v: string) => void;
}) {
  const pack = useQuery({
    queryKey: ['admin', 'rule-pack', version],
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/admin/rule-packs/{version}', { params: { path: { version } } }),
      ) as Promise<unknown> as Promise<RulePack>,
  });
  if (pack.isPending) return <Loading what={`bộ quy tắc ${version}`} />;
  if (pack.isError) return <Failure error={pack.error} retry={() => void pack.refetch()} />;
  const p = completePack(pack.data);
  return (
    <section className="card" aria-labelledby="pack-view-title">
      <h3 id="pack-view-title">Phiên bản {p.version}</h3>
      <p>
        {p.description}
        <br />
        <span className="meta">Hiệu lực từ {formatDateTime(p.effectiveFrom)}</span>
      </p>
      {publishing ? (
        <PublishPack from={p} onCancel={() => setPublishing(false)} onPublished={onPublished} />
      ) : (
        <>
          {canPublish && (
            <div className="actions-row">
              <button type="button" className="btn btn-primary" onClick={() => setPublishing(true)}>
                Ban hành phiên bản mới từ bản này
              </button>
            </div>
          )}
          <table className="responsive rules-table">
            <caption className="visually-hidden">Các con số của phiên bản {p.version} và căn cứ</caption>
            <thead>
              <tr>
                <th scope="col">Quy định</th>
                <th scope="col">Giá trị</th>
                <th scope="col">Căn cứ</th>
              </tr>
            </thead>
            <tbody>
              {RULE_KEYS.map((k) => (
                <tr key={k}>
                  <th scope="row" data-label="Quy định">
                    {RULE_VI[k]}
                  </th>
                  <td data-label="Giá trị">{ruleValueVi(k, p[k].value)}</td>
                  <td data-label="Căn cứ" className="meta">
                    {basisVi(p[k].basis)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
