/**
 * What the editor asks of the host: the library (list, open, new,
 * duplicate, rename, delete, history, rollback), validation as you type,
 * save with hot-load, the provider settings and LLM generations. Every
 * failure lands in `problem` in words; the buffer is never touched by a
 * failure.
 */
import type { BehaviorSaveResult, HostClient } from '../../../shared/hostApi';
import type { LlmEvent, LlmSettings } from '../../../shared/llmApi';
import { describeError } from '../describeError';
import { useArbiterStore } from '../store';
import { showDryRun } from './consoleStore';
import { useEditorStore, type Attempt, type Generation } from './editorStore';

const set = useEditorStore.setState;
const get = useEditorStore.getState;

function client(): HostClient {
  const c = useArbiterStore.getState().client;
  if (!c) throw new Error('not connected to the host');
  return c;
}

async function attempt<T>(what: string, run: () => Promise<T>): Promise<T | null> {
  try {
    const value = await run();
    set({ problem: null });
    return value;
  } catch (error) {
    set({ problem: `Could not ${what}: ${describeError(error)}` });
    return null;
  }
}

export const BLANK_BEHAVIOR = `/**
 * @param {Observation} obs
 * @param {Memory} memory
 * @returns {Action}
 */
export default function act(obs, memory) {
  return {};
}
`;

export async function refreshLibrary(): Promise<void> {
  const [result, drafts] = await Promise.all([
    attempt('list the behaviors', () => client().request('behavior.list', {})),
    attempt('list your drafts', () => client().request('behavior.draft.list', {})),
  ]);
  if (result) set({ library: result.behaviors });
  if (drafts) set({ drafts: drafts.drafts });
}

/** Keeps the buffer as a draft with the errors it has now: stored, never loaded. */
export async function saveDraft(): Promise<void> {
  const { selectedId, name, code, language } = get();
  if (!name.trim()) return set({ notice: 'Give the behavior a name to keep a draft of it.' });
  const result = await attempt('keep the draft', () =>
    client().request('behavior.draft.save', { id: selectedId, name: name.trim(), code, language }),
  );
  if (!result) return;
  const { draft } = result;
  const errors = draft.errors.length;
  set({
    failedSave: false,
    markers: draft.errors,
    notice:
      `Draft kept at ${new Date(draft.savedAt).toLocaleTimeString()}` +
      (errors ? ` with ${errors} error${errors === 1 ? '' : 's'}` : '') +
      ': it is not loaded into the match until it passes and you save it.',
  });
  await refreshLibrary();
}

/** Opens a draft into the buffer over its behavior (or as a new one), with its errors marked. */
export async function openDraft(key: string): Promise<void> {
  const draft = get().drafts.find((d) => d.key === key);
  if (!draft) return;
  if (draft.id) await openBehavior(draft.id);
  else newBehavior();
  if (draft.id && get().selectedId !== draft.id) return;
  set({
    name: draft.name,
    code: draft.code,
    language: draft.language,
    markers: draft.errors,
    notice: `Your draft from ${new Date(draft.savedAt).toLocaleString()}: save it once it passes.`,
  });
}

export async function discardDraft(key: string): Promise<void> {
  await attempt('discard the draft', () => client().request('behavior.draft.delete', { key }));
  await refreshLibrary();
}

export async function openBehavior(id: string): Promise<void> {
  const result = await attempt('open the behavior', () => client().request('behavior.get', { id }));
  const behavior = result?.behavior;
  if (!behavior) return;
  set({
    selectedId: behavior.id,
    name: behavior.name,
    language: behavior.language,
    code: behavior.code,
    savedCode: behavior.code,
    savedVersion: behavior.version,
    compare: null,
    markers: [],
    notice: null,
    failedSave: false,
  });
  await loadVersions();
}

export function newBehavior(from?: { name: string; code: string }): void {
  const base = from ? `${from.name} copy` : 'New behavior';
  const taken = new Set(get().library.map((b) => b.name));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
  set({
    selectedId: null,
    name,
    language: 'javascript',
    code: from?.code ?? BLANK_BEHAVIOR,
    savedCode: '',
    savedVersion: null,
    versions: [],
    compare: null,
    markers: [],
    failedSave: false,
    notice: from ? `Duplicated as "${name}": save to keep it.` : null,
  });
}

export async function loadVersions(): Promise<void> {
  const id = get().selectedId;
  if (!id) return set({ versions: [] });
  const result = await attempt('load the history', () =>
    client().request('behavior.versions', { id }),
  );
  if (result) set({ versions: result.versions });
}

export async function compareWith(version: number | null): Promise<void> {
  const id = get().selectedId;
  if (version === null || !id) return set({ compare: null });
  const result = await attempt('load that version', () =>
    client().request('behavior.get', { id, version }),
  );
  if (result?.behavior) set({ compare: { version, code: result.behavior.code } });
}

/** Saves the buffer as a new version (validated and hot-loaded by the host). */
export async function saveBehavior(
  code = get().code,
  name = get().name,
  version: { note?: string; origin?: 'hand' | 'llm' } = {},
): Promise<BehaviorSaveResult | null> {
  const { selectedId, language, savedVersion } = get();
  const note = version.note ?? get().note.trim();
  const result = await attempt('save', () =>
    client().request('behavior.save', {
      ...(selectedId ? { id: selectedId, expectedVersion: savedVersion ?? undefined } : {}),
      name: name.trim(),
      code,
      language,
      ...(note ? { note } : {}),
      origin: version.origin ?? 'hand',
    }),
  );
  if (!result) return null;
  if (result.console) showDryRun(result.console);
  if (!result.ok) {
    set({
      markers: result.errors,
      notice: 'Not saved: fix the marked lines, or keep it as a draft.',
      failedSave: true,
    });
    return result;
  }
  const behavior = result.behavior!;
  set({
    selectedId: behavior.id,
    name: behavior.name,
    code,
    savedCode: code,
    savedVersion: behavior.version,
    markers: [],
    compare: null,
    note: '',
    failedSave: false,
    running: runsSomewhere(behavior.id)
      ? { version: behavior.version, fromTick: result.runningFromTick, at: Date.now() }
      : null,
    notice: result.copiedFrom
      ? `Saved as your own copy "${behavior.name}": "${result.copiedFrom}" is someone else's and stays as it was.`
      : result.loaded && runsSomewhere(behavior.id)
        ? `Version ${behavior.version} saved; its agents run it from tick ${result.runningFromTick}.`
        : `Version ${behavior.version} saved; no agent runs it yet.`,
  });
  await Promise.all([refreshLibrary(), loadVersions()]);
  return result;
}

export async function renameBehavior(name: string): Promise<void> {
  const { selectedId, savedCode } = get();
  if (!selectedId) return set({ name });
  // A rename is a new version of the stored code; the buffer's edits stay unsaved.
  const buffer = get().code;
  const result = await saveBehavior(savedCode, name);
  if (result?.ok) set({ code: buffer });
}

export async function deleteBehavior(): Promise<void> {
  const id = get().selectedId;
  if (!id) return;
  const result = await attempt('delete', () => client().request('behavior.delete', { id }));
  if (!result?.deleted) return;
  set({
    notice: `Deleted "${get().name}".`,
    selectedId: null,
    savedVersion: null,
    versions: [],
    savedCode: '',
  });
  await refreshLibrary();
}

export async function rollbackTo(version: number): Promise<void> {
  const id = get().selectedId;
  if (!id) return;
  const result = await attempt('roll back', () =>
    client().request('behavior.rollback', { id, version }),
  );
  if (!result) return;
  if (!result.ok)
    return set({
      markers: result.errors,
      notice: `Version ${version} no longer passes validation.`,
    });
  const behavior = result.behavior!;
  set({
    code: behavior.code,
    savedCode: behavior.code,
    savedVersion: behavior.version,
    compare: null,
    running: { version: behavior.version, fromTick: result.runningFromTick, at: Date.now() },
    notice: `Rolled back to version ${version} (now version ${behavior.version}).`,
  });
  await Promise.all([refreshLibrary(), loadVersions()]);
}

/** Whether the last report shows a team or an agent assigned behavior `id`. */
function runsSomewhere(id: string): boolean {
  const live = get().live;
  return !!live && live.agents.some((a) => a.behavior === id);
}

let validation = 0;
/** Static checks and a dry run of the buffer; only the newest request's answer is shown. */
export async function validateBuffer(): Promise<void> {
  const mine = ++validation;
  const { code, language } = get();
  set({ checking: true });
  try {
    const result = await client().request('behavior.validate', { code, language });
    if (mine !== validation) return;
    set({ markers: result.errors, checking: false });
    // The check's dry run, named as the buffer (the host does not know the name of unsaved code).
    const name = get().name.trim() || 'unsaved';
    showDryRun(result.console.map((line) => ({ ...line, behaviorName: name })));
  } catch (error) {
    if (mine === validation)
      set({ checking: false, problem: `Could not check the code: ${describeError(error)}` });
  }
}

export async function refreshLlmStatus(): Promise<void> {
  const status = await attempt('read the provider settings', () =>
    client().request('llm.status', {}),
  );
  if (status) set({ llm: status });
}

export async function saveLlmSettings(settings: LlmSettings, key: string | null): Promise<boolean> {
  const saved = await attempt('save the provider settings', async () => {
    let status = await client().request('llm.settings.save', { settings });
    if (key) status = await client().request('llm.key.set', { key });
    return status;
  });
  if (saved) set({ llm: saved, notice: 'Provider settings saved.' });
  return saved !== null;
}

export async function clearLlmKey(): Promise<void> {
  const status = await attempt('clear the key', () => client().request('llm.key.clear', {}));
  if (status) set({ llm: status });
}

let offLlm: (() => void) | null = null;

/** Longest version note the host keeps. */
const MAX_NOTE_LENGTH = 500;

/** Asks the LLM; `note` is what the version saved from its answer will say it was for. */
export async function ask(prompt: string, includeMatch: boolean, note = prompt): Promise<void> {
  offLlm?.();
  const generation: Generation = {
    note: note.slice(0, MAX_NOTE_LENGTH),
    requestId: null,
    state: 'asking',
    maxAttempts: 1,
    attempts: [],
    proposed: null,
    waiting: null,
    failure: null,
    firstTextShownAt: null,
  };
  set({ generation, problem: null });
  const c = client();
  const early: LlmEvent[] = [];
  offLlm = c.on('llm', (event) => {
    const current = get().generation;
    if (!current) return;
    if (current.requestId === null) early.push(event);
    else if (event.requestId === current.requestId) onLlmEvent(event);
  });
  const { code, language } = get();
  const started = await attempt('ask the LLM', () =>
    c.request('llm.generate', { prompt, code, language, includeMatch }),
  );
  if (!started) {
    set({ generation: null });
    return;
  }
  patch({ requestId: started.requestId });
  for (const event of early.splice(0)) if (event.requestId === started.requestId) onLlmEvent(event);
}

export async function stopAsking(): Promise<void> {
  const requestId = get().generation?.requestId;
  if (requestId) await attempt('stop', () => client().request('llm.stop', { requestId }));
}

/**
 * Accept: the proposed code becomes the buffer and is saved (validated,
 * stored, hot-loaded where it already runs), then assigned to `teams`
 * (none: nowhere yet). The notice says the tick it really started and how
 * many agents run it, read back from the host.
 */
export async function acceptProposal(teams: readonly number[]): Promise<void> {
  const generation = get().generation;
  const proposed = generation?.proposed;
  if (!proposed) return;
  const result = await saveBehavior(proposed, get().name, {
    note: generation.note,
    origin: 'llm',
  });
  if (!result?.ok) return;
  set({ generation: null });
  if (teams.length > 0) await runOnTeams(teams);
}

/** Assigns the saved behavior to each of `teams` and reports what runs it from which tick. */
export async function runOnTeams(teams: readonly number[]): Promise<void> {
  const { selectedId: id, savedVersion } = get();
  if (!id || savedVersion === null) return;
  let live = null;
  for (const team of teams) {
    live = await attempt('run it', () => client().request('behavior.assign', { team, name: id }));
    if (!live) return;
    set({ live });
  }
  if (!live) return;
  // The driver resolves assignments after the tick it was given: the next tick's observations
  // are the first this version decides on.
  const fromTick = (live.tick ?? 0) + 1;
  const agents = live.agents.filter((a) => a.behavior === id).length;
  set({
    running: { version: savedVersion, fromTick, at: Date.now() },
    notice: `Version ${savedVersion} runs from tick ${fromTick}: ${agents} agent${agents === 1 ? '' : 's'} run it.`,
  });
}

export function rejectProposal(): void {
  set({ generation: null, notice: 'Kept your code.' });
}

/** Called by the view once the first streamed text is on screen. */
export function markFirstTextShown(at: number): void {
  if (get().generation?.firstTextShownAt === null) patch({ firstTextShownAt: at });
}

function patch(next: Partial<Generation>): void {
  const current = get().generation;
  if (current) set({ generation: { ...current, ...next } });
}

function patchAttempt(n: number, next: Partial<Attempt>): void {
  const current = get().generation;
  if (!current) return;
  set({
    generation: {
      ...current,
      attempts: current.attempts.map((a) => (a.attempt === n ? { ...a, ...next } : a)),
    },
  });
}

function onLlmEvent(event: LlmEvent): void {
  const current = get().generation;
  if (!current) return;
  switch (event.type) {
    case 'attempt':
      patch({
        state: 'streaming',
        maxAttempts: event.maxAttempts,
        waiting: null,
        attempts: [
          ...current.attempts,
          { attempt: event.attempt, text: '', state: 'streaming', errors: [] },
        ],
      });
      break;
    case 'delta': {
      const a = current.attempts.find((x) => x.attempt === event.attempt);
      if (!a) break;
      patchAttempt(event.attempt, { text: a.text + event.text });
      break;
    }
    case 'checked':
      patchAttempt(event.attempt, {
        state: event.errors.length ? 'failed' : 'passed',
        errors: event.errors,
      });
      break;
    case 'waiting':
      patch({ waiting: event.message });
      break;
    case 'done':
      patch({ state: 'ready', proposed: event.code });
      break;
    case 'failed':
      patch({ state: 'failed', failure: { failure: event.failure, message: event.message } });
      break;
  }
}
