/**
 * Actions of the reward-decision stage (workflows/stages/reward-decision.ts): the chairman's decision. (Appeal and
 * revocation are reason forms: reason-form.tsx.)
 */
import { Choice } from '../choice';
import { useState } from 'react';
import { formatNumber } from '../../format';
import { usePersistentState } from '../forms';
import { ActionForm, post, TextArea, type P } from './shared';

export function Decision({ view, onDone }: P) {
  const id = view.initiativeId;
  const [outcome, setOutcome] = useState<'RECOGNISE' | 'REFUSE' | ''>('');
  const [reasons, setReasons] = usePersistentState(`dc-r:${id}`, '');
  return (
    <ActionForm
      id="decision"
      title="Quyết định công nhận sáng kiến"
      intro={
        <p>
          Hội đồng {view.councilRecommended ? 'đề nghị công nhận' : 'không đề nghị công nhận'}
          {view.meanScore !== null ? `, điểm trung bình ${formatNumber(view.meanScore)}` : ''}
          {view.effect?.verdict ? `; hiệu quả: ${view.effect.verdict === 'EFFECTIVE' ? 'có' : 'không'}` : ''}.
        </p>
      }
      submitLabel="Ký quyết định"
      onDone={onDone}
      send={async (key) => {
        if (!outcome) return { outcome: 'Chọn công nhận hoặc từ chối' };
        if (outcome === 'REFUSE' && !reasons.trim())
          return { reasons: 'Từ chối công nhận phải nêu lý do bằng văn bản' };
        await post(
          '/api/v1/initiatives/{id}/decision',
          id,
          key,
          outcome === 'REFUSE' ? { outcome, reasons } : { outcome, ...(reasons.trim() ? { reasons } : {}) },
        );
        return outcome === 'RECOGNISE'
          ? 'Đã ký quyết định công nhận, cấp Giấy chứng nhận.'
          : 'Đã ký văn bản từ chối công nhận.';
      }}
    >
      {(errors) => (
        <>
          <Choice
            id="decision-outcome"
            name="decision-outcome"
            legend="Quyết định"
            options={[
              ['RECOGNISE', 'Công nhận sáng kiến, cấp Giấy chứng nhận'],
              ['REFUSE', 'Từ chối công nhận'],
            ]}
            value={outcome}
            onChange={setOutcome}
            error={errors['outcome']}
          />
          <p className="meta">
            Chức danh ký theo chức vụ của bạn trong danh bạ: Chủ tịch ký “CHỦ TỊCH”; Phó Chủ tịch được phân
            công ký “KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”.
          </p>
          <TextArea
            id="decision"
            name="reasons"
            label={outcome === 'REFUSE' ? 'Lý do từ chối' : 'Căn cứ, ghi chú'}
            value={reasons}
            onChange={setReasons}
            error={errors['reasons']}
            required={outcome === 'REFUSE'}
          />
        </>
      )}
    </ActionForm>
  );
}
