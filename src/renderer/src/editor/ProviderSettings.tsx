import { useState, type FormEvent } from 'react';
import {
  DEFAULT_LLM_SETTINGS,
  LLM_PRESETS,
  LLM_PRESET_NAMES,
  llmSettingsSchema,
  type LlmPreset,
  type LlmSettings,
} from '../../../shared/llmApi';
import { clearLlmKey, saveLlmSettings } from './editorActions';
import { useEditorStore } from './editorStore';

/**
 * The LLM provider: a preset fills base URL and model, every field stays
 * editable. The key field is write-only: the page only ever learns whether
 * a key is set, never the key.
 */
export function ProviderSettings({ onDone }: { onDone: () => void }) {
  const status = useEditorStore((s) => s.llm);
  const [draft, setDraft] = useState<LlmSettings>(status?.settings ?? DEFAULT_LLM_SETTINGS);
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const pick = (preset: LlmPreset) => setDraft({ ...draft, preset, ...LLM_PRESETS[preset] });
  const field = <K extends keyof LlmSettings>(name: K, value: LlmSettings[K]) =>
    setDraft({ ...draft, [name]: value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = llmSettingsSchema.safeParse(draft);
    if (!parsed.success) return setProblem(parsed.error.issues.map((i) => i.message).join('; '));
    setProblem(null);
    if (await saveLlmSettings(parsed.data, key.trim() || null)) {
      setKey('');
      onDone();
    }
  };

  return (
    <form
      className="provider-settings"
      onSubmit={(e) => void submit(e)}
      data-testid="provider-settings"
    >
      <label>
        Provider
        <select
          value={draft.preset}
          onChange={(e) => pick(e.target.value as LlmPreset)}
          aria-label="Preset"
        >
          {LLM_PRESET_NAMES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        Base URL
        <input
          value={draft.baseUrl}
          onChange={(e) => field('baseUrl', e.target.value)}
          aria-label="Base URL"
        />
      </label>
      <label>
        Model
        <input
          value={draft.model}
          onChange={(e) => field('model', e.target.value)}
          aria-label="Model"
        />
      </label>
      <label>
        Temperature
        <input
          type="number"
          step="0.1"
          min="0"
          max="2"
          value={draft.temperature}
          onChange={(e) => field('temperature', Number(e.target.value))}
        />
      </label>
      <label>
        Timeout (s)
        <input
          type="number"
          min="1"
          max="600"
          value={draft.timeoutMs / 1000}
          onChange={(e) => field('timeoutMs', Math.round(Number(e.target.value) * 1000))}
        />
      </label>
      <label>
        Repairs
        <input
          type="number"
          min="0"
          max="5"
          value={draft.maxRepairs}
          onChange={(e) => field('maxRepairs', Number(e.target.value))}
        />
      </label>
      <label>
        API key
        <input
          type="password"
          autoComplete="off"
          value={key}
          placeholder={status?.keySet ? 'a key is set (type to replace it)' : 'no key set'}
          onChange={(e) => setKey(e.target.value)}
          aria-label="API key"
        />
      </label>
      <p className="muted" data-testid="key-status">
        {status?.keySet
          ? `A key is set (${status.keySource === 'env' ? 'from ARBITER_LLM_API_KEY' : status.keyPersists ? 'kept encrypted' : 'kept until the host stops'}).`
          : 'No key is set.'}
        {status?.keySet && (
          <button type="button" onClick={() => void clearLlmKey()}>
            Forget the key
          </button>
        )}
      </p>
      {problem && <p className="error-text">{problem}</p>}
      <div className="row">
        <button type="submit">Save settings</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
