/**
 * `npm run eval:llm` end to end against the scripted OpenAI-compatible
 * server: answers that pass some starter cases and fail others give a pass
 * rate known in advance; an unreachable endpoint stops after the first
 * case; a predicate that throws is an error, not a pass.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startOpenAiTestServer,
  type RecordedRequest,
  type ScriptedLlmServer,
} from '../../testing/llmTestServer/scriptedLlmServer';
import { parseEvalArgs } from './evalArgs';
import { runEval } from './evalRun';
import {
  DO_NOTHING_BEHAVIOR,
  PREDICATES,
  RESOURCES_DIR,
  readCaseFile,
  type Predicate,
} from './index';

const REPO = join(RESOURCES_DIR, '..');
const STARTER = join(RESOURCES_DIR, 'eval', 'starter.json');
const cases = readCaseFile(STARTER);
const reference = (id: string) => {
  const c = cases.find((x) => x.id === id);
  return readFileSync(join(dirname(STARTER), c?.reference ?? ''), 'utf8');
};
const fenced = (code: string) => `Here it is:\n\`\`\`js\n${code}\`\`\`\nDone.`;

/** Cases at even positions get their reference (pass), the rest do nothing (fail). */
const passing = new Set(cases.filter((_, k) => k % 2 === 0).map((c) => c.id));
/** This one's first answer does not compile: one repair, then its reference. */
const REPAIRED = cases[0].id;

function answerFor(body: RecordedRequest['body']) {
  const asked = body.messages?.filter((m) => m.role !== 'system') ?? [];
  const task = asked[0]?.content ?? '';
  const evalCase = cases.find((c) => task.startsWith(`Task: ${c.request}`));
  if (!evalCase) return { kind: 'status' as const, status: 400, message: 'unknown task' };
  if (evalCase.id === REPAIRED && asked.length === 1) {
    return { kind: 'answer' as const, text: fenced('export default function act( {\n') };
  }
  const code = passing.has(evalCase.id) ? reference(evalCase.id) : DO_NOTHING_BEHAVIOR;
  return { kind: 'answer' as const, text: fenced(code) };
}

let server: ScriptedLlmServer;
beforeAll(async () => {
  server = await startOpenAiTestServer({ fallback: answerFor });
});
afterAll(async () => {
  await server.close();
});

/** Runs the real `npm run eval:llm` command line; resolves to its exit code and output. */
function evalCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main/host/llm/eval/evalCli.ts', ...args],
      { cwd: REPO },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A case file of the given starter cases, with `change` applied to each. */
function caseFile(ids: string[], change: (c: Record<string, unknown>) => void = () => {}): string {
  const raw = JSON.parse(readFileSync(STARTER, 'utf8')) as { cases: Record<string, unknown>[] };
  const picked = raw.cases.filter((c) => ids.includes(c.id as string));
  picked.forEach(change);
  const path = join(mkdtempSync(join(tmpdir(), 'eval-')), 'cases.json');
  writeFileSync(path, JSON.stringify({ version: 1, cases: picked }));
  return path;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {} },
  };
}

describe('eval:llm', () => {
  it('runs the starter set end to end and prints the pass rate the script makes', async () => {
    const { code, stdout, stderr } = await evalCli([
      '--cases',
      STARTER,
      '--base-url',
      server.baseUrl,
      '--model',
      'scripted',
    ]);
    expect(code, stderr).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const perCase = lines.slice(0, -1);
    const summary = lines.at(-1) as Record<string, unknown>;
    expect(perCase.map((l) => l.id)).toEqual(cases.map((c) => c.id));
    for (const line of perCase) {
      expect(line, JSON.stringify(line)).toMatchObject({
        passed: passing.has(line.id as string),
        repairs: line.id === REPAIRED ? 1 : 0,
        runtime_errors: 0,
        error: null,
      });
      expect(line.tokens_in).toBeGreaterThan(0);
      expect(line.tokens_out).toBeGreaterThan(0);
      expect(line.latency_ms).toEqual(expect.any(Number));
    }
    expect(summary).toMatchObject({
      summary: true,
      runs: cases.length,
      passed: passing.size,
      pass_rate: Math.round((passing.size / cases.length) * 1000) / 1000,
      mean_repairs: Math.round((1 / cases.length) * 1000) / 1000,
      tokens_estimated: true,
      stopped: null,
    });
    expect(Object.keys(summary.categories as object).sort()).toEqual(
      [...new Set(cases.map((c) => c.category))].sort(),
    );
    // One progress line per case on stderr.
    expect(stderr.match(/^eval:llm: \d+\/\d+ /gm)?.length).toBe(cases.length);
  }, 300_000);

  it('stops after the first case with the reason when the endpoint cannot be reached', async () => {
    const { out, err, io } = capture();
    const args = parseEvalArgs([
      '--cases',
      caseFile([cases[0].id, cases[1].id, cases[2].id]),
      '--base-url',
      'http://127.0.0.1:9/v1',
      '--model',
      'nobody',
    ]);
    expect(await runEval(args, io)).toBe(2);
    expect(out).toHaveLength(2);
    expect(JSON.parse(out[0])).toMatchObject({ id: cases[0].id, passed: false });
    expect(JSON.parse(out[0]).error).toMatch(/cannot reach/);
    expect(JSON.parse(out[1])).toMatchObject({ runs: 1, pass_rate: 0 });
    expect(err.at(-1)).toMatch(
      /stopped after 1 case run\(s\): cannot reach http:\/\/127\.0\.0\.1:9\/v1/,
    );
  }, 180_000);

  it('reports a predicate that throws as an error, never a pass', async () => {
    const explode: Predicate = {
      params: PREDICATES.shotsAtMost.params,
      check: () => {
        throw new Error('boom');
      },
    };
    const { out, io } = capture();
    // shotsAtMost would pass doing nothing: the throwing stand-in must not.
    const path = caseFile([cases[0].id], (c) => {
      c.predicate = { name: 'explode', params: { count: 0 } };
    });
    const args = parseEvalArgs(['--cases', path, '--base-url', server.baseUrl, '--model', 'm']);
    expect(await runEval(args, io, { predicates: { ...PREDICATES, explode } })).toBe(0);
    const line = JSON.parse(out[0]);
    expect(line).toMatchObject({ passed: false, error: 'predicate explode threw: boom' });
    expect(JSON.parse(out[1])).toMatchObject({ runs: 1, passed: 0, errors: 1, pass_rate: 0 });
  }, 180_000);

  it('refuses a malformed case file, naming the case and the field', async () => {
    const { out, err, io } = capture();
    const path = caseFile([cases[1].id], (c) => {
      c.ticks = -5;
    });
    const args = parseEvalArgs(['--cases', path, '--base-url', server.baseUrl, '--model', 'm']);
    expect(await runEval(args, io)).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toContain(`case "${cases[1].id}": ticks:`);
  });
});
