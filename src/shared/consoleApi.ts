/**
 * The behavior console: what `console.log/info/warn/error` inside a
 * behavior prints, as the host API's `console` event carries it, and the
 * limits that keep a flood from costing the match anything. The guest
 * (guestPrelude.ts) enforces the per-agent, per-batch and length limits;
 * the host (consoleLimiter.ts) the per-author rate. Whatever a limit cuts
 * is counted and shown as one "N lines dropped" line.
 */
import { z } from 'zod';

/** Most lines one agent may print in one tick (the rest are counted as dropped). */
export const CONSOLE_LINES_PER_AGENT_TICK = 5;
/** Most lines one behavior may print in one batch (one tick of its agents). */
export const CONSOLE_LINES_PER_BATCH = 20;
/** Most characters of one line; a longer one is cut and ends in an ellipsis. */
export const CONSOLE_LINE_CHARS = 200;
/** Most lines one author's behaviors may print per second, together. */
export const CONSOLE_LINES_PER_AUTHOR_SECOND = 100;

export const CONSOLE_LEVELS = ['log', 'info', 'warn', 'error'] as const;
export const consoleLevelSchema = z.enum(CONSOLE_LEVELS);
export type ConsoleLevel = z.output<typeof consoleLevelSchema>;

export const consoleLineSchema = z.object({
  /** The match tick of the observations the line was printed for (the sample tick in a dry run). */
  tick: z.number().int(),
  /** The agent being decided for; null at the module's top level, in `migrate`, or a notice. */
  agentId: z.number().int().nullable(),
  behaviorId: z.string(),
  behaviorName: z.string(),
  version: z.number().int(),
  /** Who wrote that version ('host', 'friend-<id>', 'arbiter'). */
  author: z.string(),
  level: consoleLevelSchema,
  text: z.string().max(CONSOLE_LINE_CHARS + 200),
  /** Printed in the running match, or in a dry run (a check or a save). */
  source: z.enum(['match', 'dry-run']),
  /** Set on a notice line: how many lines a limit dropped. */
  dropped: z.number().int().positive().optional(),
});
export type ConsoleLine = z.output<typeof consoleLineSchema>;

/** Lines printed since the last event (each session sees only those it may). */
export const consoleEventSchema = z.object({ lines: z.array(consoleLineSchema) });
export type ConsoleEvent = z.output<typeof consoleEventSchema>;

/** The text of a notice for `count` dropped lines. */
export function droppedText(count: number, why: string): string {
  return `${count} line${count === 1 ? '' : 's'} dropped (${why})`;
}
