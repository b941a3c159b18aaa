/**
 * The evaluation run: each case (times `repeats`) generated through the
 * editor's path, played headless with the case's seed, judged by its
 * predicate. One JSON line per case run on stdout, then a summary line;
 * a progress line per case on stderr. A provider that cannot be reached
 * (or refuses the key) stops the run after the first case, with the reason.
 *
 * Case line: `{ id, category, repeat, passed, repairs, runtime_errors,
 * tokens_in, tokens_out, latency_ms, detail, error }` (`error` is set when
 * the case could not be judged: a predicate that threw, a match that could
 * not be played, a provider failure; such a case never passes).
 * Summary line: `{ summary: true, runs, passed, errors, pass_rate,
 * mean_repairs, categories: { name: pass rate }, tokens_estimated, stopped }`.
 */
import type { LlmFailure } from '../../../../shared/llmApi';
import { readCaseFile, type EvalCase } from './caseFile';
import { CasePlayer, RESOURCES_DIR } from './casePlay';
import type { EvalArgs } from './evalArgs';
import { generateForCase, type Generated } from './generateForCase';
import { PREDICATES, type Predicate } from './predicates';

export interface EvalIo {
  out(line: string): void;
  err(line: string): void;
  env: Readonly<Record<string, string | undefined>>;
}

export interface EvalRunOptions {
  resourcesDir?: string;
  predicates?: Readonly<Record<string, Predicate>>;
}

/** Failures no later case can escape: the run stops on them. */
const STOPPING: ReadonlySet<LlmFailure> = new Set([
  'unreachable',
  'unauthorized',
  'not_configured',
  'no_key',
]);

interface CaseLine {
  id: string;
  category: string;
  repeat: number;
  passed: boolean;
  repairs: number;
  runtime_errors: number;
  tokens_in: number;
  tokens_out: number;
  latency_ms: number;
  detail: string;
  error: string | null;
}

/** Runs the evaluation; resolves to the process exit code (0 ran, 1 bad input, 2 stopped). */
export async function runEval(
  args: EvalArgs,
  io: EvalIo,
  options: EvalRunOptions = {},
): Promise<number> {
  const predicates = options.predicates ?? PREDICATES;
  let cases: EvalCase[];
  try {
    cases = readCaseFile(args.casesPath, predicates);
  } catch (error) {
    io.err(`eval:llm: ${(error as Error).message}`);
    return 1;
  }
  const apiKey = args.keyEnv ? (io.env[args.keyEnv] ?? null) : null;
  if (args.keyEnv && !apiKey) {
    io.err(`eval:llm: the environment variable ${args.keyEnv} is not set`);
    return 1;
  }
  const player = await CasePlayer.create(options.resourcesDir ?? RESOURCES_DIR, predicates);
  const lines: CaseLine[] = [];
  let estimated = false;
  let stopped: string | null = null;
  try {
    const total = cases.length * args.repeats;
    for (const evalCase of cases) {
      for (let repeat = 1; repeat <= args.repeats && !stopped; repeat++) {
        const generated = await generateForCase(evalCase, args.settings, apiKey, player.arena);
        estimated ||= generated.tokensEstimated;
        const line = await judgeCase(player, evalCase, repeat, generated);
        lines.push(line);
        io.out(JSON.stringify(line));
        io.err(
          `eval:llm: ${lines.length}/${total} ${evalCase.id}: ${line.passed ? 'passed' : line.error ? 'error' : 'failed'} (${line.detail})`,
        );
        if (generated.failure && STOPPING.has(generated.failure)) {
          stopped = generated.message ?? generated.failure;
        }
      }
      if (stopped) break;
    }
  } finally {
    await player.dispose();
  }
  io.out(JSON.stringify(summarise(lines, estimated, stopped)));
  if (stopped) {
    io.err(`eval:llm: stopped after ${lines.length} case run(s): ${stopped}`);
    return 2;
  }
  return 0;
}

async function judgeCase(
  player: CasePlayer,
  evalCase: EvalCase,
  repeat: number,
  generated: Generated,
): Promise<CaseLine> {
  const line: CaseLine = {
    id: evalCase.id,
    category: evalCase.category,
    repeat,
    passed: false,
    repairs: generated.repairs,
    runtime_errors: 0,
    tokens_in: generated.tokensIn,
    tokens_out: generated.tokensOut,
    latency_ms: generated.latencyMs,
    detail: '',
    error: null,
  };
  if (generated.code === null) {
    line.detail = `no behavior: ${generated.message ?? 'the generation failed'}`;
    // A provider failure is the run's error; code that never validated is the model's fail.
    if (generated.failure !== 'invalid' && generated.failure !== 'no_code') {
      line.error = line.detail;
    }
    return line;
  }
  const outcome = await player.play(evalCase, generated.code);
  line.passed = outcome.passed === true;
  line.runtime_errors = outcome.runtimeErrors;
  line.detail = outcome.loadError ? `did not load: ${outcome.loadError}` : outcome.detail;
  line.error = outcome.error;
  return line;
}

function summarise(lines: CaseLine[], estimated: boolean, stopped: string | null) {
  const rate = (some: CaseLine[]) =>
    some.length ? round(some.filter((l) => l.passed).length / some.length) : null;
  const categories: Record<string, number | null> = {};
  for (const category of new Set(lines.map((l) => l.category))) {
    categories[category] = rate(lines.filter((l) => l.category === category));
  }
  return {
    summary: true,
    runs: lines.length,
    passed: lines.filter((l) => l.passed).length,
    errors: lines.filter((l) => l.error !== null).length,
    pass_rate: rate(lines) ?? 0,
    mean_repairs: lines.length ? round(lines.reduce((s, l) => s + l.repairs, 0) / lines.length) : 0,
    categories,
    tokens_estimated: estimated,
    stopped,
  };
}

const round = (v: number) => Math.round(v * 1000) / 1000;
