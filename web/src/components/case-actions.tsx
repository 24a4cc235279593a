/**
 * The actions this person may take on the case now (the gateway says which), each a small form. Every submission
 * carries an Idempotency-Key, shows its pending state, and shows the gateway's refusal in Vietnamese next to the field.
 * The forms live in ./actions/, one file per workflow stage (as workflows/stages/); this picks and orders them.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { CaseAction } from '../../../src/domain/actions';
import { Attachments } from './actions/attachments';
import { Council, Meeting, Scores } from './actions/council-evaluation';
import { EffectConfirmation, EffectReport, FirstApplication } from './actions/effect-tracking';
import { ReasonForm } from './actions/reason-form';
import { Adoption, Replication } from './actions/replication-follow-up';
import { Decision } from './actions/reward-decision';
import type { CaseView } from './actions/shared';
import { Extension, Reassignment, Reminder } from './actions/supervision';
import { Amendment, FormalCheck, Registration, UnitReview } from './actions/unit-recommendation';

export type { CaseView } from './actions/shared';

/** All action forms open to the person, in the order the step needs them. */
export function CaseActions({ view, onDone }: { view: CaseView; onDone: (text: string) => void }) {
  const id = view.initiativeId;
  const queries = useQueryClient();
  const done = (text: string) => {
    void queries.invalidateQueries({ queryKey: ['case', id] });
    void queries.invalidateQueries({ queryKey: ['record', id] });
    void queries.invalidateQueries({ queryKey: ['tasks'] });
    void queries.invalidateQueries({ queryKey: ['documents', id] });
    onDone(text);
  };
  const has = (a: CaseAction) => view.available.actions.includes(a);
  const p = { view, onDone: done };
  return (
    <>
      {has('unit-review') && <UnitReview {...p} />}
      {has('amendment') && <Amendment {...p} />}
      {has('registration') && <Registration {...p} />}
      {has('formal-check') && <FormalCheck {...p} />}
      {has('council') && <Council {...p} />}
      {has('scores') && <Scores {...p} />}
      {has('meeting') && <Meeting {...p} />}
      {has('effect-reports') && <EffectReport {...p} />}
      {has('first-application') && <FirstApplication {...p} />}
      {has('effect-confirmation') && <EffectConfirmation {...p} />}
      {has('decision') && <Decision {...p} />}
      {has('appeal') && <ReasonForm action="appeal" {...p} />}
      {has('replication') && <Replication {...p} />}
      {view.available.adoption
        .filter((a) => a.action === 'plan')
        .map((a) => (
          <Adoption key={a.unitId} unitId={a.unitId} {...p} />
        ))}
      {has('attachments') && <Attachments {...p} />}
      {has('conflict-declaration') && <ReasonForm action="conflict-declaration" {...p} />}
      {has('deadline-extension') && <Extension {...p} />}
      {has('reassignment') && <Reassignment {...p} />}
      {has('reminders') && <Reminder {...p} />}
      {has('withdrawal') && <ReasonForm action="withdrawal" {...p} />}
      {has('revocation') && <ReasonForm action="revocation" {...p} />}
    </>
  );
}
