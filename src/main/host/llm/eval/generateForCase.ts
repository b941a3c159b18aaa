/**
 * One case's behavior from the LLM, through the editor's own path
 * (runGeneration: prompt, stream, extract, validate in the sandbox, repair),
 * with what the harness reports about it: repairs, tokens, latency.
 */
import { performance } from 'node:perf_hooks';
import type { LlmFailure, LlmSettings } from '../../../../shared/llmApi';
import { checkOnly } from '../../api/behaviorHandlers';
import { runGeneration } from '../generation';
import type { EvalCase } from './caseFile';
import type { HeadlessArena } from './headlessMatch';

export interface Generated {
  /** The validated code, or null when the generation failed. */
  code: string | null;
  /** Attempts after the first. */
  repairs: number;
  tokensIn: number;
  tokensOut: number;
  /** True when the provider reported no token counts (4 characters a token). */
  tokensEstimated: boolean;
  /** Generation wall time, ms. */
  latencyMs: number;
  failure: LlmFailure | null;
  message: string | null;
}

export async function generateForCase(
  evalCase: EvalCase,
  settings: LlmSettings,
  apiKey: string | null,
  arena: HeadlessArena,
): Promise<Generated> {
  const out: Generated = {
    code: null,
    repairs: 0,
    tokensIn: 0,
    tokensOut: 0,
    tokensEstimated: false,
    latencyMs: 0,
    failure: null,
    message: null,
  };
  const started = performance.now();
  await runGeneration(
    `eval-${evalCase.id}`,
    { prompt: evalCase.request, code: '', language: 'javascript', includeMatch: false },
    {
      settings,
      apiKey,
      validate: (code, language) =>
        checkOnly(
          { engine: { behaviorValidate: (r) => arena.validate(r, evalCase.seed) } },
          code,
          language,
        ),
      matchSummary: async () => null,
      emit: (event) => {
        if (event.type === 'attempt') out.repairs = event.attempt - 1;
        if (event.type === 'done') out.code = event.code;
        if (event.type === 'failed') {
          out.failure = event.failure;
          out.message = event.message;
        }
      },
      onUsage: (usage) => {
        out.tokensIn += usage.input;
        out.tokensOut += usage.output;
        out.tokensEstimated ||= usage.estimated;
      },
    },
    new AbortController().signal,
  );
  out.latencyMs = Math.round(performance.now() - started);
  return out;
}
