// A case waits for its register number (an activity); then it is at the formal check, with that step's deadline timer.
const wf = require('@temporalio/workflow');
const { registerDossier } = wf.proxyActivities({ startToCloseTimeout: '1 minute' });
const formalCheck = wf.defineUpdate('formalCheck');
const state = wf.defineQuery('state');
async function caseWorkflow() {
  let step = 'REGISTRATION';
  wf.setHandler(state, () => ({ step, historyLength: wf.workflowInfo().historyLength }));
  wf.setHandler(formalCheck, () => void (step = 'COUNCIL_FORMATION'), {
    validator: () => {
      if (step !== 'FORMAL_CHECK') throw new Error(`WRONG_STEP at ${step}`);
    },
  });
  await registerDossier();
  step = 'FORMAL_CHECK';
  const deadline = new wf.CancellationScope();
  deadline.run(() => wf.sleep('10 days')).catch(() => {});
  await wf.condition(() => step === 'COUNCIL_FORMATION');
  deadline.cancel();
  await wf.sleep('1s');
  return step;
}
module.exports = { caseWorkflow };
