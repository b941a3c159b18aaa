/**
 * persist.sync: one write-behind sync of 1,000 dirty players (position, HP,
 * 28 inventory slots, equipment, skills), and whether the simulation's tick
 * waits for it: the engine worker's tick p99 with syncs running, divided by
 * its tick p99 without, in the same run.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { EngineHost, loadItems, type WorkerStats } from '../src/main/host/match/index';
import type { MapDef } from '../src/shared/hostApi';
import { builtInConfig } from '../src/main/host/api/configHandlers';
import { createPopulatedState, progressFor } from './_persistFixture';
import { median, percentile, report, round3 } from './_stats';

const PLAYERS = 1000;
const SYNCS = 40;
const ROOT = join(import.meta.dirname, '..');

const { state, ids } = createPopulatedState(PLAYERS);
const syncMs: number[] = [];
for (let round = 1; round <= SYNCS; round++) {
  for (const id of ids) state.markDirty(id, progressFor(id, round));
  const result = state.flush();
  if (result.written !== PLAYERS) throw new Error(`wrote ${result.written} of ${PLAYERS}`);
  syncMs.push(result.ms);
}
process.stderr.write(`persist.sync: ${SYNCS} syncs, median ${median(syncMs).toFixed(2)} ms\n`);

// Tick p99 with and without syncs: the engine runs in its worker as in the host.
const engine = new EngineHost(pathToFileURL(join(ROOT, 'out/main/engineWorker.js')));
const map = JSON.parse(readFileSync(join(ROOT, 'resources/maps/arena.json'), 'utf8')) as MapDef;
const items = await loadItems(join(ROOT, 'resources'));
let latest: WorkerStats | null = null;
engine.on('stats', (stats) => (latest = stats));
const PHASE_MS = 7000;

async function phase(withSyncs: boolean): Promise<number> {
  await engine.start(map, { config: builtInConfig(), agents: 2000, seed: 3 }, items.items);
  let round = 1000;
  const timer = withSyncs
    ? setInterval(() => {
        for (const id of ids) state.markDirty(id, progressFor(id, round++));
        state.flush();
      }, 250)
    : null;
  await new Promise((resolve) => setTimeout(resolve, PHASE_MS));
  if (timer) clearInterval(timer);
  await engine.stop();
  return (latest as WorkerStats | null)?.p99MsPerTick ?? NaN;
}

const without = await phase(false);
const withSyncs = await phase(true);
await engine.dispose();
state.close();

report({
  bench: 'persist.sync',
  players: PLAYERS,
  median_ms: round3(median(syncMs)),
  p99_ms: round3(percentile(syncMs, 99)),
  tick_p99_ms_without: round3(without),
  tick_p99_ms_with: round3(withSyncs),
  tick_p99_ratio: round3(withSyncs / without),
  sync_interval_in_test_ms: 250,
});
