/**
 * Replay of recorded histories: running cases live for months, so a change to workflow code that would replay them
 * differently (non-determinism) fails here. Change running workflow code behind `patched()` and record a history of
 * it beside the others: docs/workflow-versioning.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';

const dir = path.resolve(__dirname, '../fixtures/histories');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json.gz')) : [];

test('when the recorded histories exist, then the whole life cycle of the first version is among them', () => {
  expect(files).toContain('happy-path.json.gz');
});

test.each(files)(
  'when %s is replayed with the current workflow code, then it replays without non-determinism',
  async (file) => {
    // protobufjs's own decoder: the SDK's JSON helper trips over Jest's module sandbox ("type must be a Type").
    const history = temporal.api.history.v1.History.fromObject(
      JSON.parse(gunzipSync(fs.readFileSync(path.join(dir, file))).toString('utf8')),
    );
    await expect(
      Worker.runReplayHistory(
        { workflowsPath: require.resolve('../../workflows'), replayName: file },
        history,
      ),
    ).resolves.toBeUndefined();
  },
);
