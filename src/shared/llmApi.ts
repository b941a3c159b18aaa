/**
 * The LLM part of the host API: provider settings (never the key: the
 * renderer learns only whether one is set), a generation request that
 * streams an answer as `llm` events to the session that asked, and the
 * typed failures the editor shows.
 */
import { z } from 'zod';
import { consoleLineSchema } from './consoleApi';

export const LLM_PROVIDERS = ['openai-compatible', 'anthropic'] as const;

/** Preset → what it fills in; the modder can change every field after picking one. */
export const LLM_PRESETS = {
  openai: {
    provider: 'openai-compatible',
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
  },
  ollama: {
    provider: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:11434/v1',
    model: 'llama3.1',
  },
  lmstudio: {
    provider: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:1234/v1',
    model: 'local-model',
  },
  llamacpp: {
    provider: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:8080/v1',
    model: 'default',
  },
  openrouter: {
    provider: 'openai-compatible',
    baseUrl: 'https://openrouter.ai/api/v1',
    model: 'openai/gpt-4o-mini',
  },
  anthropic: {
    provider: 'anthropic',
    baseUrl: 'https://api.anthropic.com',
    model: 'claude-sonnet-4-5',
  },
  custom: { provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:8000/v1', model: 'model' },
} as const satisfies Record<
  string,
  { provider: (typeof LLM_PROVIDERS)[number]; baseUrl: string; model: string }
>;

export type LlmPreset = keyof typeof LLM_PRESETS;
export const LLM_PRESET_NAMES = Object.keys(LLM_PRESETS) as LlmPreset[];

/** Local servers (Ollama, LM Studio, llama.cpp) need no key; the rest do. */
export const KEYLESS_PRESETS: ReadonlySet<LlmPreset> = new Set(['ollama', 'lmstudio', 'llamacpp']);

export const llmSettingsSchema = z
  .object({
    preset: z.enum(LLM_PRESET_NAMES as [LlmPreset, ...LlmPreset[]]),
    provider: z.enum(LLM_PROVIDERS),
    baseUrl: z
      .string()
      .trim()
      .max(500)
      .refine(
        (s) => /^https?:\/\/[^\s]+$/.test(s),
        'the base URL must start with http:// or https://',
      ),
    model: z.string().trim().min(1, 'name a model').max(200),
    temperature: z.number().min(0).max(2),
    /** Whole request, ms. */
    timeoutMs: z.number().int().min(1000).max(600_000),
    /** Repairs after a failed validation (the default: 2). */
    maxRepairs: z.number().int().min(0).max(5),
  })
  .strict();

export type LlmSettings = z.output<typeof llmSettingsSchema>;

export const DEFAULT_LLM_SETTINGS: LlmSettings = {
  preset: 'ollama',
  ...LLM_PRESETS.ollama,
  temperature: 0.2,
  timeoutMs: 60_000,
  maxRepairs: 2,
};

/** What the renderer learns about the provider: settings and whether a key is set, never the key. */
export const llmStatusSchema = z.object({
  /** Null until the host saved settings once ("no provider configured"). */
  settings: llmSettingsSchema.nullable(),
  keySet: z.boolean(),
  /** Where the key comes from: the environment (headless), the OS keychain (desktop), memory. */
  keySource: z.enum(['env', 'safe-storage', 'memory', 'none']),
  /** Whether a key set from the UI outlives a restart here. */
  keyPersists: z.boolean(),
});

export type LlmStatus = z.output<typeof llmStatusSchema>;

export const llmGenerateSchema = z
  .object({
    /** The modder's script: code, pseudo-code or plain words. */
    prompt: z.string().trim().min(1, 'write what the behavior should do').max(8000),
    /** The editor's current code (the answer is a diff against it). */
    code: z.string().max(48_000),
    language: z.enum(['javascript', 'typescript']),
    /** Add a summary of the live match (what the agents see). */
    includeMatch: z.boolean(),
  })
  .strict();

export type LlmGenerate = z.output<typeof llmGenerateSchema>;

/** Explain: the open behavior, explained in words; streamed as `llm` events (`done` carries no code). */
export const llmExplainSchema = z
  .object({
    code: z.string().trim().min(1, 'there is no code to explain').max(48_000),
    language: z.enum(['javascript', 'typescript']),
  })
  .strict();

export type LlmExplain = z.output<typeof llmExplainSchema>;

/** Why a generation stopped without code; the editor says each in words. */
export const LLM_FAILURES = [
  'not_configured',
  'no_key',
  'unreachable',
  'unauthorized',
  'rate_limited',
  'timeout',
  'cut_off',
  'no_code',
  'invalid',
  'stopped',
  'failed',
] as const;
export type LlmFailure = (typeof LLM_FAILURES)[number];

const validationErrorSchema = z.object({
  phase: z.string(),
  name: z.string(),
  message: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
});

/** One generation's progress, sent only to the session that asked. */
export const llmEventSchema = z.discriminatedUnion('type', [
  /** A new attempt starts (1 = the first answer, 2.. = repairs). */
  z.object({
    type: z.literal('attempt'),
    requestId: z.string(),
    attempt: z.number().int(),
    maxAttempts: z.number().int(),
  }),
  /** Streamed answer text of the current attempt (append). */
  z.object({
    type: z.literal('delta'),
    requestId: z.string(),
    attempt: z.number().int(),
    text: z.string(),
  }),
  /** The attempt's code after extraction, and whether it passed validation. */
  z.object({
    type: z.literal('checked'),
    requestId: z.string(),
    attempt: z.number().int(),
    code: z.string(),
    errors: z.array(validationErrorSchema),
  }),
  /** Waiting before a retry (rate limit with retry-after). */
  z.object({
    type: z.literal('waiting'),
    requestId: z.string(),
    attempt: z.number().int(),
    ms: z.number(),
    message: z.string(),
  }),
  z.object({
    type: z.literal('done'),
    requestId: z.string(),
    attempt: z.number().int(),
    code: z.string(),
  }),
  z.object({
    type: z.literal('failed'),
    requestId: z.string(),
    attempt: z.number().int(),
    failure: z.enum(LLM_FAILURES),
    message: z.string(),
    /** The provider's HTTP status, when it answered with one. */
    httpStatus: z.number().int().nullable().optional(),
    /** The last code seen, when there was one (so nothing is lost). */
    code: z.string().nullable(),
  }),
]);

export type LlmEvent = z.output<typeof llmEventSchema>;

export const behaviorValidationSchema = z.object({
  ok: z.boolean(),
  errors: z.array(validationErrorSchema),
  /** What the code printed in its dry run (empty when it did not get that far). */
  console: z.array(consoleLineSchema),
});
