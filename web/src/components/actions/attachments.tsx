/** Attaching a file to the case (evidence for any step), with its upload progress. */
import { useState } from 'react';
import { upload } from '../../api/client';
import { Field } from '../forms';
import { ActionForm, type P } from './shared';

export function Attachments({ view, onDone }: P) {
  const id = view.initiativeId;
  const [file, setFile] = useState<File | null>(null);
  const [confidential, setConfidential] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [inputKey, setInputKey] = useState(0);
  return (
    <ActionForm
      id="attachments"
      title="Đính kèm tệp"
      intro={
        <p className="hint">
          PDF, ảnh, Word, Excel. Tệp được kiểm tra theo nội dung; chỉ người xử lý hồ sơ xem được.
        </p>
      }
      submitLabel="Tải lên"
      onDone={onDone}
      send={async (key) => {
        if (!file) return { file: 'Chọn tệp cần đính kèm' };
        const form = new FormData();
        form.append('confidential', String(confidential));
        form.append('file', file);
        setProgress(0);
        try {
          await upload(`/api/v1/initiatives/${encodeURIComponent(id)}/attachments`, form, key, setProgress);
        } finally {
          setProgress(null);
        }
        setFile(null);
        setInputKey((k) => k + 1);
        return `Đã đính kèm "${file.name}".`;
      }}
    >
      {(errors) => (
        <>
          <Field label="Tệp" error={errors['file']} id="attachments-file" required>
            {(p) => (
              <input
                {...p}
                key={inputKey}
                type="file"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            )}
          </Field>
          <label className="choice">
            <input
              type="checkbox"
              checked={confidential}
              onChange={(e) => setConfidential(e.target.checked)}
            />
            Tệp chứa thông tin cần bảo mật
          </label>
          {progress !== null && (
            <p>
              <label htmlFor="upload-progress">Đang tải lên {Math.round(progress * 100)}%</label>
              <progress id="upload-progress" className="progress" max={1} value={progress} />
            </p>
          )}
        </>
      )}
    </ActionForm>
  );
}
