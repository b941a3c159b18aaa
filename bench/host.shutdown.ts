/**
 * host.shutdown: ms from a SIGTERM to a stopped host whose port is free,
 * mid-match (2,000 agents, the hunter behavior on both teams so the sandbox
 * is busy every tick, one WebRTC friend whose progress must be saved). Two
 * forms: `node out/main/host.js` signalled directly (the service form; its
 * exit status says whether it saved), and `npm run host` with the SIGTERM
 * sent to npm. Target: 2,000 ms. Medians and maxima of several runs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { portIsFree, processesNaming, waitFor } from '../scripts/serviceProbes';
import { joinAsFriend } from '../src/main/host/testing/nodeFriend';
import { REPO_ROOT, TEST_HOST_KEY, connectRpc, exitOf } from '../src/main/host/testing/testHost';
import { median, report, round3 } from './_stats';

const RUNS = Number(process.env.HOST_SHUTDOWN_RUNS ?? 5);
const AGENTS = 2000;

/** Starts a host (directly or through npm), a busy match and a friend; resolves to its port. */
async function busyHost(viaNpm: boolean, dataDir: string) {
  const args = ['--port', '0', '--data-dir', dataDir, '--host-key', TEST_HOST_KEY];
  const child = viaNpm
    ? spawn('npm', ['run', 'host', '--', ...args], { cwd: REPO_ROOT, stdio: 'pipe' })
    : spawn(process.execPath, [join(REPO_ROOT, 'out', 'main', 'host.js'), ...args], {
        cwd: REPO_ROOT,
        stdio: 'pipe',
      });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.resume();
  await waitFor(() => /serving http:\/\/\S+\//.test(out), 60_000);
  const baseUrl = /serving (http:\/\/\S+\/)/.exec(out)![1];
  const host = await connectRpc(baseUrl);
  await host.request('match.start', { agents: AGENTS });
  for (const team of [0, 1]) await host.request('behavior.assign', { team, name: 'hunter' });
  const invite = await host.request('invite.create', {});
  const friend = await joinAsFriend({ baseUrl, name: 'Saved', invite: invite.code });
  await waitFor(() => friend.snapshots > 3, 30_000);
  host.close();
  return { child, port: Number(new URL(baseUrl).port), friend };
}

async function once(viaNpm: boolean): Promise<{ ms: number; exitCode: number | null }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arbiter-shutdown-'));
  const { child, port, friend } = await busyHost(viaNpm, dataDir);
  const exited = exitOf(child);
  const started = performance.now();
  child.kill('SIGTERM');
  const exitCode = await exited;
  await waitFor(
    async () => processesNaming(dataDir).length === 0 && (await portIsFree(port)),
    30_000,
  );
  const ms = performance.now() - started;
  friend.close();
  return { ms, exitCode };
}

const direct: number[] = [];
const viaNpm: number[] = [];
const exitCodes: Array<number | null> = [];
for (let run = 0; run < RUNS; run++) {
  const a = await once(false);
  direct.push(a.ms);
  exitCodes.push(a.exitCode);
  viaNpm.push((await once(true)).ms);
  process.stderr.write(`host.shutdown: run ${run + 1}/${RUNS}\n`);
}
report({
  bench: 'host.shutdown',
  runs: RUNS,
  agents: AGENTS,
  target_ms: 2000,
  direct_median_ms: round3(median(direct)),
  direct_max_ms: round3(Math.max(...direct)),
  // 0: saved and stopped; 1: the host's own 2 s deadline cut the save short.
  direct_exit_codes: exitCodes,
  npm_median_ms: round3(median(viaNpm)),
  npm_max_ms: round3(Math.max(...viaNpm)),
  load_avg: loadavg().map(round3),
});
