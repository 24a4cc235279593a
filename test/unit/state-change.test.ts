import { applyChange, changeOf, snapshotOf, stateOf } from '../../src/contracts/state-change';

const before = {
  revision: 4,
  step: 'UNIT_REVIEW',
  history: [{ at: '1', what: 'filed' }],
  waitingOn: { role: 'UNIT_HEAD' } as { role: string } | null,
  deadline: { dueAt: '2026-12-20' } as { dueAt: string } | undefined,
  scores: { a: 1 },
};
const after = {
  ...before,
  revision: 5,
  step: 'REGISTRATION',
  history: [...before.history, { at: '2', what: 'endorsed' }],
  waitingOn: null,
  deadline: undefined,
};

test('when a case moves on, then the change holds only what changed and the history items added', () => {
  const change = changeOf(snapshotOf(before), 4, after);
  expect(change).toEqual({
    base: 4,
    revision: 5,
    set: { revision: 5, step: 'REGISTRATION', waitingOn: null },
    append: { history: [{ at: '2', what: 'endorsed' }] },
    unset: ['deadline'],
  });
});

test('when the change is applied to the stored state of its base, then it gives the new state as JSON carries it', () => {
  const applied = applyChange(
    JSON.parse(JSON.stringify(before)) as typeof before,
    changeOf(snapshotOf(before), 4, after),
  );
  expect(applied).toEqual(JSON.parse(JSON.stringify(after)));
  expect(stateOf(snapshotOf(after))).toEqual(JSON.parse(JSON.stringify(after)));
});

test('when an array is rewritten rather than grown, then it is set whole', () => {
  const rewritten = {
    ...after,
    history: [
      { at: '1', what: 'corrected' },
      { at: '2', what: 'endorsed' },
    ],
  };
  const change = changeOf(snapshotOf(before), 4, rewritten);
  expect(change.append).toEqual({});
  expect(change.set['history']).toEqual(rewritten.history);
  expect(applyChange(before, change).history).toEqual(rewritten.history);
});
