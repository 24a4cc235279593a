/**
 * The actions that take one required text and nothing else (a reason, or an appeal's grounds): one form, fed by the
 * table below. The weighty ones (they end the case, or the person's part in it) sit behind a disclosure and send
 * with a danger button.
 */
import { useState } from 'react';
import type { CaseAction } from '../../../../src/domain/actions';
import { usePersistentState } from '../forms';
import { ActionForm, post, TextArea, type ActionPath, type BodyOf, type P } from './shared';

/** One reason form: where it posts, the body's one field that carries the text, and the words it shows. */
type ReasonSpec = {
  [Path in ActionPath]: {
    endpoint: Path;
    field: Extract<keyof BodyOf<Path>, string>;
    /** The form's id; its heading's and its field's ids derive from it. */
    id: string;
    /** The form's heading (and, when weighty, the disclosure's summary). */
    title: string;
    intro?: string;
    label: string;
    /** The field's error when it is left empty. */
    missing: string;
    submitLabel: string;
    /** What the person is told once the gateway has taken it. */
    success: string;
    /** Behind a disclosure, with a danger button. */
    weighty: boolean;
    /** Keep the half-written text in sessionStorage under this prefix (with the case id), so a reload keeps it. */
    draftKey?: string;
  };
}[ActionPath];

export type ReasonAction = Extract<
  CaseAction,
  'withdrawal' | 'conflict-declaration' | 'appeal' | 'revocation'
>;

export const REASON_FORMS: Record<ReasonAction, ReasonSpec> = {
  // Unit recommendation (workflows/stages/unit-recommendation.ts).
  withdrawal: {
    endpoint: '/api/v1/initiatives/{id}/withdrawal',
    field: 'reason',
    id: 'withdrawal',
    title: 'Rút hồ sơ',
    intro: 'Hồ sơ đã rút sẽ kết thúc và không được xét tiếp.',
    label: 'Lý do rút hồ sơ',
    missing: 'Nêu lý do rút hồ sơ',
    submitLabel: 'Rút hồ sơ',
    success: 'Đã rút hồ sơ.',
    weighty: true,
  },
  // Council evaluation (workflows/stages/council-evaluation.ts).
  'conflict-declaration': {
    endpoint: '/api/v1/initiatives/{id}/conflict-declaration',
    field: 'reason',
    id: 'conflict',
    title: 'Khai xung đột lợi ích',
    intro: 'Sau khi khai, bạn không chấm điểm và không biểu quyết hồ sơ này.',
    label: 'Lý do',
    missing: 'Nêu lý do xung đột lợi ích',
    submitLabel: 'Gửi lời khai',
    success: 'Đã ghi nhận khai xung đột lợi ích.',
    weighty: true,
  },
  // Reward decision (workflows/stages/reward-decision.ts).
  appeal: {
    endpoint: '/api/v1/initiatives/{id}/appeal',
    field: 'grounds',
    id: 'appeal',
    title: 'Khiếu nại quyết định từ chối công nhận',
    label: 'Nội dung khiếu nại',
    missing: 'Nêu nội dung khiếu nại',
    submitLabel: 'Gửi khiếu nại',
    success: 'Đã gửi khiếu nại.',
    weighty: false,
    draftKey: 'ap',
  },
  revocation: {
    endpoint: '/api/v1/initiatives/{id}/revocation',
    field: 'reasons',
    id: 'revocation',
    title: 'Hủy bỏ quyết định công nhận',
    intro: 'Chỉ khi hồ sơ khai man, không trung thực hoặc thẩm định trái pháp luật.',
    label: 'Lý do hủy bỏ',
    missing: 'Nêu lý do hủy bỏ',
    submitLabel: 'Hủy bỏ quyết định',
    success: 'Đã hủy bỏ quyết định công nhận.',
    weighty: true,
  },
};

type TextProps = P & { spec: ReasonSpec };

/** The form for one action of the table. */
export function ReasonForm({ action, ...rest }: P & { action: ReasonAction }) {
  const spec = REASON_FORMS[action];
  return spec.draftKey ? <KeptText spec={spec} {...rest} /> : <FreshText spec={spec} {...rest} />;
}

/** The text kept across reloads. */
function KeptText(props: TextProps) {
  const [text, setText] = usePersistentState(`${props.spec.draftKey}:${props.view.initiativeId}`, '');
  return <ReasonBody {...props} text={text} setText={setText} />;
}

/** The text held by the page only. */
function FreshText(props: TextProps) {
  const [text, setText] = useState('');
  return <ReasonBody {...props} text={text} setText={setText} />;
}

function ReasonBody({
  spec,
  view,
  onDone,
  text,
  setText,
}: TextProps & { text: string; setText: (v: string) => void }) {
  const form = (
    <ActionForm
      id={spec.id}
      title={spec.title}
      intro={spec.intro ? <p>{spec.intro}</p> : undefined}
      submitLabel={spec.submitLabel}
      danger={spec.weighty}
      onDone={onDone}
      send={async (key) => {
        if (!text.trim()) return { [spec.field]: spec.missing };
        await post(spec.endpoint, view.initiativeId, key, { [spec.field]: text } as BodyOf<ActionPath>);
        return spec.success;
      }}
    >
      {(errors) => (
        <TextArea
          id={spec.id}
          name={spec.field}
          label={spec.label}
          value={text}
          onChange={setText}
          error={errors[spec.field]}
          required
        />
      )}
    </ActionForm>
  );
  return spec.weighty ? (
    <details className="card">
      <summary>{spec.title}</summary>
      {form}
    </details>
  ) : (
    form
  );
}
