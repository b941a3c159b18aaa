/**
 * `npm run eval:llm` arguments:
 * `--cases FILE --base-url URL --model NAME [--key-env VAR] [--repeats N]
 * [--provider openai-compatible|anthropic] [--max-repairs N] [--timeout-ms MS]`.
 */
import { parseArgs } from 'node:util';
import { LLM_PROVIDERS, llmSettingsSchema, type LlmSettings } from '../../../../shared/llmApi';
import { formatIssues } from '../../../../shared/rpcProtocol';

export interface EvalArgs {
  casesPath: string;
  settings: LlmSettings;
  /** The environment variable holding the API key (null: no key, a local server). */
  keyEnv: string | null;
  /** Generations per case (each judged on its own). */
  repeats: number;
}

export const EVAL_USAGE =
  'usage: npm run eval:llm -- --cases FILE --base-url URL --model NAME [--key-env VAR] [--repeats N] [--provider openai-compatible|anthropic] [--max-repairs N] [--timeout-ms MS]';

/** Throws an Error saying what is wrong (with the usage line). */
export function parseEvalArgs(argv: string[]): EvalArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        cases: { type: 'string' },
        'base-url': { type: 'string' },
        model: { type: 'string' },
        'key-env': { type: 'string' },
        repeats: { type: 'string', default: '1' },
        provider: { type: 'string', default: 'openai-compatible' },
        'max-repairs': { type: 'string', default: '2' },
        'timeout-ms': { type: 'string', default: '120000' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${EVAL_USAGE}`, { cause: error });
  }
  const missing = (['cases', 'base-url', 'model'] as const).filter((k) => !values[k]);
  if (missing.length) throw new Error(`missing --${missing.join(', --')}\n${EVAL_USAGE}`);
  const repeats = Number(values.repeats);
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 100) {
    throw new Error(`--repeats must be an integer 1..100, got ${values.repeats}`);
  }
  const provider = values.provider as (typeof LLM_PROVIDERS)[number];
  const settings = llmSettingsSchema.safeParse({
    preset: provider === 'anthropic' ? 'anthropic' : 'custom',
    provider,
    baseUrl: values['base-url'],
    model: values.model,
    temperature: 0.2,
    timeoutMs: Number(values['timeout-ms']),
    maxRepairs: Number(values['max-repairs']),
  });
  if (!settings.success) throw new Error(`${formatIssues(settings.error)}\n${EVAL_USAGE}`);
  return {
    casesPath: values.cases as string,
    settings: settings.data,
    keyEnv: values['key-env'] ?? null,
    repeats,
  };
}
