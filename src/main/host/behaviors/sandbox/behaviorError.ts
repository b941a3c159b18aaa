/**
 * Errors a behavior causes, as plain data (they cross threads and reach the
 * editor), located in the behavior's own source: line and column count in
 * the code the modder wrote. TypeScript is stripped by replacing types with
 * spaces, so positions in the stripped code are positions in the original;
 * the prelude's frames are dropped from stacks.
 */

/** Most characters of an error's message or stack that leave the sandbox. */
export const MAX_ERROR_TEXT = 2000;
/** Most characters of an error's name. */
export const MAX_ERROR_NAME = 100;
/** What a cut text ends with. */
export const CUT_MARK = '… (cut)';
/** What a thrown value that could not be read in time (or at all) is reported as. */
export const UNREADABLE_THROWN = 'threw a value that could not be read';

/** `text` at most `max` characters, ending with CUT_MARK when it was longer. */
export function capText(text: string, max = MAX_ERROR_TEXT): string {
  return text.length <= max ? text : text.slice(0, max - CUT_MARK.length) + CUT_MARK;
}

/** Where the error happened. */
export type BehaviorErrorPhase =
  | 'static' // uses what the sandbox does not have (require, Date…), found before it runs
  | 'strip' // TypeScript could not be stripped (syntax, or a TS-only construct)
  | 'compile' // the module did not parse or its top level threw
  | 'install' // no function exported, or a bad migrate export
  | 'dry-run' // failed on sample observations during hot-load
  | 'migrate' // migrate() threw for an agent's memory
  | 'run' // threw, timed out or ran out of memory during a tick
  | 'sandbox'; // the sandbox itself failed (a stall cut by the watchdog, a fault)

/** One error, ready to show next to the code. */
export interface BehaviorError {
  phase: BehaviorErrorPhase;
  /** The JavaScript error name (TypeError, InternalError…), or a sandbox reason. */
  name: string;
  message: string;
  /** 1-based line in the behavior's source, or null when no frame points into it. */
  line: number | null;
  /** 1-based column, or null. */
  column: number | null;
  /** The stack's frames that are in the behavior's source, one per line. */
  stack: string;
  /** Agent that was being decided for, when one was. */
  agentId?: number;
}

/** What the guest reports for a thrown value (see guestPrelude's `note`). */
export interface RawGuestError {
  name: string;
  message: string;
  stack: string;
  agentId?: number;
}

/**
 * Locates a guest error in `filename` (the name the behavior module was
 * evaluated under): keeps the stack frames of that file and takes line and
 * column from the first of them.
 */
export function locateGuestError(
  raw: RawGuestError,
  filename: string,
  phase: BehaviorErrorPhase,
): BehaviorError {
  const frames = raw.stack
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes(`${filename}:`));
  const position = frames.length ? /:(\d+)(?::(\d+))?\)?$/.exec(frames[0]) : null;
  const error: BehaviorError = {
    phase,
    name: raw.name || 'Error',
    message: raw.message,
    line: position ? Number(position[1]) : null,
    column: position?.[2] ? Number(position[2]) : null,
    stack: frames.join('\n'),
  };
  if (typeof raw.agentId === 'number') error.agentId = raw.agentId;
  return capError(error);
}

/** An error raised by the sandbox rather than by a line of the behavior. */
export function sandboxError(
  phase: BehaviorErrorPhase,
  name: string,
  message: string,
): BehaviorError {
  return capError({ phase, name, message, line: null, column: null, stack: '' });
}

/**
 * `error` with its texts cut to the sandbox's bounds (MAX_ERROR_NAME,
 * MAX_ERROR_TEXT), so whatever a guest throws, an error that leaves the
 * sandbox has a bounded size.
 */
export function capError(error: BehaviorError): BehaviorError {
  error.name = capText(String(error.name), MAX_ERROR_NAME);
  error.message = capText(String(error.message));
  error.stack = capText(String(error.stack));
  return error;
}

/** A short one-line form for logs and suspension reasons: "TypeError: x is undefined (12:5)". */
export function describeError(error: BehaviorError): string {
  const at = error.line === null ? '' : ` (${error.line}:${error.column ?? 0})`;
  return `${error.name}: ${error.message}${at}`;
}
