/**
 * The editor's state: the library, the behavior being edited and its
 * buffer (never overwritten by anything but the modder or an accepted
 * answer), validation markers, version history, the provider status and
 * the current LLM generation with every attempt.
 */
import { create } from 'zustand';
import { testHook } from '../testHook';
import { streamingCode } from './streamingCode';
import type { BehaviorDraft, BehaviorSummaryData, BehaviorsEvent } from '../../../shared/hostApi';
import type { LlmFailure, LlmStatus } from '../../../shared/llmApi';

export interface Marker {
  phase: string;
  name: string;
  message: string;
  line: number | null;
  column: number | null;
}

export interface Attempt {
  attempt: number;
  /** The answer as streamed so far. */
  text: string;
  state: 'streaming' | 'checking' | 'passed' | 'failed';
  errors: Marker[];
}

export interface Generation {
  requestId: string | null;
  state: 'asking' | 'streaming' | 'ready' | 'failed';
  maxAttempts: number;
  attempts: Attempt[];
  /** Code that passed validation, ready to accept. */
  proposed: string | null;
  waiting: string | null;
  failure: { failure: LlmFailure; message: string } | null;
  /** When the first streamed text was shown (performance.timeOrigin + now), for the bench. */
  firstTextShownAt: number | null;
  /** The note the accepted version is saved with: what was asked, in short. */
  note: string;
}

export interface EditorState {
  open: boolean;
  library: BehaviorSummaryData[];
  query: string;
  /** The behavior being edited: null for a new, unsaved one. */
  selectedId: string | null;
  name: string;
  language: 'javascript' | 'typescript';
  /** The buffer. */
  code: string;
  /** The code of the version the buffer started from. */
  savedCode: string;
  savedVersion: number | null;
  markers: Marker[];
  checking: boolean;
  versions: BehaviorSummaryData[];
  /** A past version shown as a diff against the buffer. */
  compare: { version: number; code: string } | null;
  /** The modder's note for the next save ('' for none). */
  note: string;
  /** This author's drafts: code kept with its errors, never loaded. */
  drafts: BehaviorDraft[];
  /** The last save was refused: the notice offers to keep the buffer as a draft. */
  failedSave: boolean;
  llm: LlmStatus | null;
  generation: Generation | null;
  /** The last accepted or saved version and the tick its agents started running it. */
  running: { version: number; fromTick: number | null; at: number } | null;
  notice: string | null;
  problem: string | null;
  /** Set when the host ended this editor's session (a friend kicked or banned): why, in words. */
  ended: string | null;
  /** The match's behaviors as the host last reported them (~1 Hz); null before the first report. */
  live: BehaviorsEvent | null;
}

export const useEditorStore = create<EditorState>()(() => ({
  open: false,
  library: [],
  query: '',
  selectedId: null,
  name: '',
  language: 'javascript',
  code: '',
  savedCode: '',
  savedVersion: null,
  markers: [],
  checking: false,
  versions: [],
  compare: null,
  note: '',
  drafts: [],
  failedSave: false,
  llm: null,
  generation: null,
  running: null,
  notice: null,
  problem: null,
  ended: null,
  live: null,
}));

testHook.editor = () => {
  const { code, generation } = useEditorStore.getState();
  return {
    code,
    firstTextShownAt: generation?.firstTextShownAt ?? null,
    state: generation?.state ?? null,
    shown: generation ? shownCode(generation) : null,
  };
};

/** The code of the attempt being streamed or shown: what the diff's right side holds. */
export function shownCode(generation: Generation): string {
  if (generation.proposed) return generation.proposed;
  const last = generation.attempts[generation.attempts.length - 1];
  return last ? streamingCode(last.text) : '';
}

/** The live entry of the behavior being edited, when the match runs the version in the buffer. */
export function liveOfSelected(state: EditorState): BehaviorsEvent['behaviors'][number] | null {
  const entry = state.live?.behaviors.find((b) => b.id === state.selectedId);
  return entry && entry.version === state.savedVersion ? entry : null;
}
