/**
 * persist.load: loading 1,000 players' saved progress on a cold start (a
 * freshly opened state file, as after a restart). Median of several opens.
 */
import { performance } from 'node:perf_hooks';
import { StateManager } from '../src/main/host/persistence/stateManager';
import { createPopulatedState } from './_persistFixture';
import { median, report, round3 } from './_stats';

const PLAYERS = 1000;
const RUNS = 9;
const { state, ids, file } = createPopulatedState(PLAYERS);
state.close();

const times: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const reopened = new StateManager({ file });
  const loaded = reopened.loadManyProgress(ids);
  times.push(performance.now() - started);
  if (loaded.size !== PLAYERS) throw new Error(`loaded ${loaded.size} of ${PLAYERS}`);
  reopened.close();
}
report({ bench: 'persist.load', players: PLAYERS, ms: round3(median(times)), runs: RUNS });
