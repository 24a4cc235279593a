/**
 * Actions of the replication-follow-up stage (workflows/stages/replication-follow-up.ts): designating the units
 * that replicate the initiative, and each adopting unit's own plan, effect report and confirmation.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { todayInVietnam } from '../../format';
import { Field, usePersistentState } from '../forms';
import { MetricsFields, metricsOf, VerdictFields, type MetricRow } from './effect-fields';
import { ActionForm, post, postAdoption, TextArea, type P } from './shared';

function UnitChecks({
  id,
  units,
  chosen,
  setChosen,
  error,
}: {
  id: string;
  units: { id: string; name: string }[];
  chosen: string[];
  setChosen: (u: string[]) => void;
  error?: string | undefined;
}) {
  return (
    <fieldset id={`${id}-unitIds`} className={error ? 'field-error' : ''}>
      <legend>Đơn vị nhân rộng</legend>
      {error && <p className="error-message">{error}</p>}
      {units.map((u) => (
        <label key={u.id} className="choice">
          <input
            type="checkbox"
            checked={chosen.includes(u.id)}
            onChange={(e) =>
              setChosen(e.target.checked ? [...chosen, u.id] : chosen.filter((x) => x !== u.id))
            }
          />
          {u.name}
        </label>
      ))}
    </fieldset>
  );
}

export function Replication({ view, onDone }: P) {
  const id = view.initiativeId;
  const all = useQuery({ queryKey: ['units'], queryFn: () => call(() => api.GET('/api/v1/units')) });
  const [chosen, setChosen] = useState<string[]>([]);
  const taken = new Set([view.dossier.unitId, ...(view.replication?.targets.map((t) => t.unitId) ?? [])]);
  const units = (all.data ?? []).filter((u) => !taken.has(u.id));
  return (
    <ActionForm
      id="replication"
      title="Chỉ định đơn vị nhân rộng"
      intro={<p>Mỗi đơn vị được chỉ định lập kế hoạch, báo cáo và xác nhận hiệu quả tại đơn vị mình.</p>}
      submitLabel="Chỉ định"
      onDone={onDone}
      send={async (key) => {
        if (!chosen.length) return { unitIds: 'Chọn ít nhất một đơn vị' };
        await post('/api/v1/initiatives/{id}/replication', id, key, { unitIds: chosen });
        setChosen([]);
        return 'Đã chỉ định đơn vị nhân rộng.';
      }}
    >
      {(errors) => (
        <UnitChecks
          id="replication"
          units={units}
          chosen={chosen}
          setChosen={setChosen}
          error={errors['unitIds']}
        />
      )}
    </ActionForm>
  );
}

/** An adopting unit's own steps: plan, effect report, confirmation. */
export function Adoption({ view, unitId, onDone }: P & { unitId: string }) {
  const id = view.initiativeId;
  const replication = useQuery({
    queryKey: ['adoption', id, unitId, view.revision],
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/initiatives/{id}/replications/{unitId}', { params: { path: { id, unitId } } }),
      ),
  });
  const state = replication.data as { plan?: unknown; reports?: unknown[]; status?: string } | undefined;
  const [startDate, setStartDate] = useState(todayInVietnam());
  const [plan, setPlan] = usePersistentState(`ad-p:${id}:${unitId}`, '');
  const [rows, setRows] = usePersistentState<MetricRow[]>(`ad-m:${id}:${unitId}`, [
    { name: '', unit: '', baseline: '', value: '' },
  ]);
  const [verdict, setVerdict] = useState<'EFFECTIVE' | 'NOT_EFFECTIVE' | ''>('');
  const [summary, setSummary] = useState('');
  const queries = useQueryClient();
  const refresh = (text: string) => {
    void queries.invalidateQueries({ queryKey: ['adoption', id, unitId] });
    onDone(text);
  };
  return (
    <>
      <h3 className="subhead">Nhân rộng tại đơn vị của tôi ({unitId})</h3>
      {!state?.plan && (
        <ActionForm
          id={`plan-${unitId}`}
          title="Kế hoạch nhân rộng"
          submitLabel="Gửi kế hoạch"
          onDone={refresh}
          send={async (key) => {
            if (!plan.trim()) return { plan: 'Ghi nội dung kế hoạch' };
            await postAdoption('/api/v1/initiatives/{id}/replications/{unitId}/plan', id, unitId, key, {
              startDate,
              plan,
            });
            return 'Đã gửi kế hoạch nhân rộng.';
          }}
        >
          {(errors) => (
            <>
              <Field label="Ngày bắt đầu áp dụng" id={`plan-${unitId}-startDate`}>
                {(p) => (
                  <input
                    {...p}
                    type="date"
                    value={startDate}
                    onChange={(e) => setStartDate(e.target.value)}
                  />
                )}
              </Field>
              <TextArea
                id={`plan-${unitId}`}
                name="plan"
                label="Kế hoạch"
                value={plan}
                onChange={setPlan}
                error={errors['plan']}
                required
              />
            </>
          )}
        </ActionForm>
      )}
      <ActionForm
        id={`adopt-report-${unitId}`}
        title="Báo cáo hiệu quả tại đơn vị nhân rộng"
        submitLabel="Gửi báo cáo nhân rộng"
        onDone={refresh}
        send={async (key) => {
          const { metrics, errors } = metricsOf(rows);
          if (Object.keys(errors).length) return errors;
          await postAdoption('/api/v1/initiatives/{id}/replications/{unitId}/reports', id, unitId, key, {
            periodEnd: todayInVietnam(),
            metrics,
            evidenceRefs: [],
          });
          return 'Đã gửi báo cáo nhân rộng.';
        }}
      >
        {(errors) => (
          <MetricsFields id={`adopt-report-${unitId}`} rows={rows} setRows={setRows} errors={errors} />
        )}
      </ActionForm>
      {(state?.reports?.length ?? 0) > 0 && (
        <ActionForm
          id={`adopt-confirm-${unitId}`}
          title="Xác nhận hiệu quả tại đơn vị nhân rộng"
          submitLabel="Xác nhận"
          onDone={refresh}
          send={async (key) => {
            if (!verdict) return { verdict: 'Chọn kết luận' };
            if (!summary.trim()) return { summary: 'Ghi nội dung xác nhận' };
            await postAdoption(
              '/api/v1/initiatives/{id}/replications/{unitId}/confirmation',
              id,
              unitId,
              key,
              { verdict, summary },
            );
            return 'Đã xác nhận hiệu quả nhân rộng.';
          }}
        >
          {(errors) => (
            <VerdictFields
              id={`adopt-confirm-${unitId}`}
              verdict={verdict}
              setVerdict={setVerdict}
              summary={summary}
              setSummary={setSummary}
              errors={errors}
            />
          )}
        </ActionForm>
      )}
    </>
  );
}
