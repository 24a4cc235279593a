/** Cá nhân: where I get my notifications (e-mail, phone) and how, on each channel (at once, a daily digest, off). */
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import type { paths } from '../api/schema';
import { Failure, Loading, PageTitle } from '../components/layout';
import { DoneNotice } from '../components/feedback';
import { Button, ErrorSummary, Field, useAction } from '../components/forms';
import { ChangePassword } from './password';

type Contact = paths['/api/v1/me/contact']['get']['responses']['200']['content']['application/json'];
type Mode = Contact['notify']['email'];

const modes = (digestHour: number): [Mode, string][] => [
  ['IMMEDIATE', 'Ngay khi có'],
  ['DIGEST', `Tổng hợp một thư mỗi ngày (${digestHour} giờ)`],
  ['OFF', 'Không nhận'],
];
const CHANNEL_VI = {
  email: 'Nhận qua thư điện tử',
  webhook: 'Nhận qua Zalo / tin nhắn (cổng của xã)',
} as const;

export default function ProfilePage() {
  const contact = useQuery({
    queryKey: ['contact'],
    queryFn: () => call(() => api.GET('/api/v1/me/contact')),
  });
  return (
    <>
      <PageTitle lead="Nơi và cách hệ thống báo cho bạn khi có việc cần làm hoặc khi hồ sơ của bạn có kết quả.">
        Cá nhân
      </PageTitle>
      {contact.isPending ? (
        <Loading what="cách nhận thông báo" />
      ) : contact.data ? (
        <ContactForm
          contact={contact.data}
          save={(body) => call(() => api.PUT('/api/v1/me/contact', { body }))}
          queryKey={['contact']}
        />
      ) : (
        <Failure error={contact.error} retry={() => void contact.refetch()} />
      )}
      <ChangePassword />
    </>
  );
}

type ContactBody = NonNullable<
  paths['/api/v1/me/contact']['put']['requestBody']
>['content']['application/json'];

/** The address and the choices per channel of one person: on their own page, or on the administrator's. */
export function ContactForm({
  contact,
  save: put,
  queryKey,
}: {
  contact: Contact;
  save: (body: ContactBody) => Promise<Contact>;
  queryKey: string[];
}) {
  const queries = useQueryClient();
  const [email, setEmail] = useState(contact.email ?? '');
  const [phone, setPhone] = useState(contact.phone ?? '');
  const [notify, setNotify] = useState(contact.notify);
  const [saved, setSaved] = useState<string | null>(null);
  const id = `contact-${contact.personId}`;
  useEffect(() => setNotify(contact.notify), [contact.notify]);
  const save = useAction(async () => {
    const r = await put({ email: email.trim() || null, phone: phone.trim() || null, notify });
    await queries.invalidateQueries({ queryKey });
    setSaved('Đã lưu cách nhận thông báo.');
    return r;
  });
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Nhận thông báo</h2>
      <ErrorSummary
        message={save.message}
        errors={save.errors}
        fieldIds={{ email: `${id}-email`, phone: `${id}-phone` }}
      />
      <DoneNotice text={saved} />
      <div className="inline-fields">
        <Field
          label="Thư điện tử"
          id={`${id}-email`}
          hint="Để trống nếu không muốn nhận thư."
          error={save.errors['email']}
        >
          {(p) => (
            <input
              {...p}
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        {contact.channels.includes('webhook') && (
          <Field label="Số điện thoại (Zalo)" id={`${id}-phone`} error={save.errors['phone']}>
            {(p) => (
              <input
                {...p}
                type="tel"
                autoComplete="tel"
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
              />
            )}
          </Field>
        )}
      </div>
      {contact.channels.map((channel) => (
        <fieldset key={channel} className="field">
          <legend>{CHANNEL_VI[channel]}</legend>
          {modes(contact.digestHour).map(([mode, label]) => (
            <label key={mode} className="choice">
              <input
                type="radio"
                name={`${id}-${channel}`}
                checked={notify[channel] === mode}
                onChange={() => setNotify({ ...notify, [channel]: mode })}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
      ))}
      <p className="hint">
        Thông báo không bao giờ chứa điểm chấm hay phần bảo mật của hồ sơ; mỗi thông báo có đường dẫn tới hồ
        sơ.
      </p>
      <div className="actions-row">
        <Button
          onClick={() => {
            setSaved(null);
            void save.submit();
          }}
          pending={save.pending}
          pendingText="Đang lưu…"
        >
          Lưu
        </Button>
      </div>
    </section>
  );
}
