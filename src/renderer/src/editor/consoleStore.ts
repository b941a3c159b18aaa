/**
 * The console panel's state: the last CONSOLE_MAX_LINES lines the host
 * sent (older ones fall off), the last dry run's output (replaced by each
 * new check, so checking as you type does not fill the panel), and the
 * filters. Pure functions over the state, so the bounds and filters are
 * tested without a page.
 */
import { create } from 'zustand';
import type { ConsoleLevel, ConsoleLine } from '../../../shared/consoleApi';

/** Most lines the panel keeps. */
export const CONSOLE_MAX_LINES = 1000;

export interface ConsoleEntry extends ConsoleLine {
  /** Arrival order: a stable React key. */
  seq: number;
}

export interface ConsoleFilter {
  /** An agent id, or null for every agent. */
  agent: number | null;
  /** A behavior id, or null for every behavior. */
  behavior: string | null;
  /** Levels shown. */
  levels: Record<ConsoleLevel, boolean>;
}

export interface ConsoleState {
  lines: ConsoleEntry[];
  filter: ConsoleFilter;
  nextSeq: number;
  /** Why the console cannot be followed (the host refused the subscription), or null. */
  problem: string | null;
}

export const ALL_LEVELS: Record<ConsoleLevel, boolean> = {
  log: true,
  info: true,
  warn: true,
  error: true,
};

export function emptyConsole(): ConsoleState {
  return {
    lines: [],
    filter: { agent: null, behavior: null, levels: { ...ALL_LEVELS } },
    nextSeq: 1,
    problem: null,
  };
}

/** `state` with `lines` appended, keeping the newest CONSOLE_MAX_LINES. */
export function withLines(
  state: ConsoleState,
  lines: readonly ConsoleLine[],
  max = CONSOLE_MAX_LINES,
): Pick<ConsoleState, 'lines' | 'nextSeq'> {
  let seq = state.nextSeq;
  const added = lines.map((line) => ({ ...line, seq: seq++ }));
  const all = state.lines.concat(added);
  return { lines: all.length > max ? all.slice(all.length - max) : all, nextSeq: seq };
}

/** `state` with the previous dry run's lines replaced by `lines`. */
export function withDryRun(
  state: ConsoleState,
  lines: readonly ConsoleLine[],
  max = CONSOLE_MAX_LINES,
): Pick<ConsoleState, 'lines' | 'nextSeq'> {
  const kept = state.lines.filter((line) => line.source !== 'dry-run');
  return withLines({ ...state, lines: kept }, lines, max);
}

/** The lines the filter lets through, oldest first. */
export function visibleLines(state: ConsoleState): ConsoleEntry[] {
  const { agent, behavior, levels } = state.filter;
  return state.lines.filter(
    (line) =>
      levels[line.level] &&
      (agent === null || line.agentId === agent) &&
      (behavior === null || line.behaviorId === behavior),
  );
}

/** Behaviors with a line in the panel (id and the name of their newest line), by name. */
export function behaviorsSeen(state: ConsoleState): { id: string; name: string }[] {
  const names = new Map<string, string>();
  for (const line of state.lines) names.set(line.behaviorId, line.behaviorName);
  return [...names]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Agents with a line in the panel, by id. */
export function agentsSeen(state: ConsoleState): number[] {
  const ids = new Set<number>();
  for (const line of state.lines) if (line.agentId !== null) ids.add(line.agentId);
  return [...ids].sort((a, b) => a - b);
}

export const useConsoleStore = create<ConsoleState>()(() => emptyConsole());

/** Lines received and not yet shown; shown together at most every FLUSH_MS. */
let pending: ConsoleLine[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;
/** The host sends a batch per tick; rendering each would re-render the list 20–60 times a second. */
const FLUSH_MS = 200;

export function addConsoleLines(lines: readonly ConsoleLine[]): void {
  if (!lines.length) return;
  pending.push(...lines);
  // More than the panel keeps is dropped here already: only the newest can be shown.
  if (pending.length > CONSOLE_MAX_LINES)
    pending = pending.slice(pending.length - CONSOLE_MAX_LINES);
  flushTimer ??= setTimeout(() => {
    flushTimer = null;
    const batch = pending;
    pending = [];
    useConsoleStore.setState((s) => withLines(s, batch));
  }, FLUSH_MS);
}

/** Shows a dry run's output in place of the previous one. */
export function showDryRun(lines: readonly ConsoleLine[]): void {
  useConsoleStore.setState((s) => withDryRun(s, lines));
}

export function clearConsole(): void {
  pending = [];
  useConsoleStore.setState({ lines: [] });
}

export function setConsoleFilter(filter: Partial<ConsoleFilter>): void {
  useConsoleStore.setState((s) => ({ filter: { ...s.filter, ...filter } }));
}
