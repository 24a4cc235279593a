/** Reads what arrived at the test run's Mailpit (test/support/global-setup.ts) through its API. */

/** A message as Mailpit stores it. */
export interface Mail {
  id: string;
  messageId: string;
  to: string[];
  subject: string;
  text: string;
}

function mailpitUrl(): string {
  const url = process.env['MAILPIT_URL'];
  if (!url) throw new Error('the notification tests need the global set-up’s Mailpit (MAILPIT_URL)');
  return url;
}

/** Every message whose Message-ID names the case (src/db/outbox.ts, messageIdOf), with its text, oldest first. */
export async function mailsOf(initiativeId: string): Promise<Mail[]> {
  return mailsWhere((messageId) => messageId.startsWith(`${initiativeId}.`));
}

/** Every message sent to one address, with its text. */
export async function mailsTo(address: string, since = 0): Promise<Mail[]> {
  return (await mailsWhere(() => true, since)).filter((m) => m.to.includes(address));
}

async function mailsWhere(pick: (messageId: string) => boolean, since = 0): Promise<Mail[]> {
  const res = await fetch(`${mailpitUrl()}/api/v1/messages?limit=5000`);
  const list = (await res.json()) as {
    messages: {
      ID: string;
      MessageID: string;
      To: { Address: string }[];
      Subject: string;
      Created: string;
    }[];
  };
  const picked = list.messages.filter(
    (m) => pick(m.MessageID.replace(/^</, '')) && Date.parse(m.Created) >= since,
  );
  const out: Mail[] = [];
  for (const m of picked.reverse()) {
    const full = (await (await fetch(`${mailpitUrl()}/api/v1/message/${m.ID}`)).json()) as { Text: string };
    out.push({
      id: m.ID,
      messageId: m.MessageID,
      to: m.To.map((t) => t.Address),
      subject: m.Subject,
      text: full.Text,
    });
  }
  return out;
}
