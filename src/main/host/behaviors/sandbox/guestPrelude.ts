/**
 * The guest prelude: JavaScript evaluated in every behavior's QuickJS
 * context before the behavior module (guestPrelude.quickjs.js, which says what it
 * does). This module fills it in: the layout constants, and the decoder
 * guestDecode.ts generates for the behavior.
 *
 * Under the build the prelude's text is inlined (electron.vite.config.ts
 * defines __ARBITER_GUEST_PRELUDE__); from source (tests, tsx) it is read
 * beside this module.
 */
import { readFileSync } from 'node:fs';
import {
  ACTION_STATUS_ACTED,
  ACTION_STATUS_BAD_RETURN,
  ACTION_STATUS_IDLE,
  ACTION_STATUS_SKIPPED,
  ACTION_STATUS_THREW,
  ACTION_STRIDE,
  AGENT_HEADER,
  ENTITY_KIND_NAMES,
  EQUIP_SLOT_NAMES,
  GROUP_HEADER,
  LAYOUT_VERSION,
  MEMORY_BYTE_LIMIT,
  SAY_PHRASES,
} from '../../../../../engine/behavior/index';
import {
  CONSOLE_LINES_PER_AGENT_TICK,
  CONSOLE_LINES_PER_BATCH,
  CONSOLE_LINE_CHARS,
} from '../../../../shared/consoleApi';
import { MAX_ERROR_NAME, MAX_ERROR_TEXT, UNREADABLE_THROWN } from './behaviorError';
import { decoderSource } from './guestDecode';

/** File name the prelude's frames carry in stack traces (never the behavior's). */
export const PRELUDE_FILENAME = 'arbiter:prelude';
/** Ticks after which the memory of an agent the behavior no longer drives is dropped. */
export const MEMORY_FORGET_TICKS = 1200;
/** Most errors kept per batch with their stack; the rest are only counted. */
export const ERRORS_KEPT_PER_BATCH = 4;
/**
 * Most console lines kept between two reports (one behavior's batch), most
 * one agent may print in one tick, most characters of one line (a longer
 * one ends in an ellipsis), and how deep objects are printed.
 */
export const LOG_LINES_KEPT = CONSOLE_LINES_PER_BATCH;
export const LOG_LINES_PER_AGENT = CONSOLE_LINES_PER_AGENT_TICK;
export const LOG_LINE_CHARS = CONSOLE_LINE_CHARS;
export const LOG_DEPTH = 3;

const constants = {
  VERSION: LAYOUT_VERSION,
  GROUP_HEADER,
  AGENT_HEADER,
  STRIDE: ACTION_STRIDE,
  IDLE: ACTION_STATUS_IDLE,
  ACTED: ACTION_STATUS_ACTED,
  THREW: ACTION_STATUS_THREW,
  BAD_RETURN: ACTION_STATUS_BAD_RETURN,
  SKIPPED: ACTION_STATUS_SKIPPED,
  KINDS: ENTITY_KIND_NAMES,
  EQUIP: EQUIP_SLOT_NAMES,
  PHRASES: SAY_PHRASES,
  MEMORY_BYTES: MEMORY_BYTE_LIMIT,
  FORGET: MEMORY_FORGET_TICKS,
  ERRORS_KEPT: ERRORS_KEPT_PER_BATCH,
  LOG_LINES: LOG_LINES_KEPT,
  LOG_CHARS: LOG_LINE_CHARS,
  LOG_PER_AGENT: LOG_LINES_PER_AGENT,
  LOG_DEPTH: LOG_DEPTH,
  // One character more than the host keeps, so the host knows to mark the cut.
  TEXT: MAX_ERROR_TEXT + 1,
  NAME: MAX_ERROR_NAME + 1,
  UNREADABLE: UNREADABLE_THROWN,
};

/** The prelude's text, inlined by the build (see electron.vite.config.ts); undefined from source. */
declare const __ARBITER_GUEST_PRELUDE__: string | undefined;

const PRELUDE_FILE = 'guestPrelude.quickjs.js';

/** Replaces the region from `// hole:NAME` to `// end hole` with `code`. */
function fillHole(source: string, name: string, code: string): string {
  const hole = new RegExp(`^[ \\t]*// hole:${name}\\b.*\\n[\\s\\S]*?^[ \\t]*// end hole\\n`, 'm');
  if (!hole.test(source)) throw new Error(`${PRELUDE_FILE} has no hole "${name}"`);
  return source.replace(hole, () => `${code}\n`);
}

let template: string | null = null;

/** The prelude with its constants in: `const C = {…}`, and every numeric `C.NAME` as its value. */
function preludeTemplate(): string {
  if (template === null) {
    const source =
      typeof __ARBITER_GUEST_PRELUDE__ === 'string'
        ? __ARBITER_GUEST_PRELUDE__
        : readFileSync(new URL(`./${PRELUDE_FILE}`, import.meta.url), 'utf8');
    const values: Record<string, unknown> = constants;
    template = fillHole(source, 'constants', `const C = ${JSON.stringify(constants)};`).replace(
      /\bC\.([A-Z_]+)\b/g,
      (whole, name: string) => {
        const value = values[name];
        return typeof value === 'number' ? (value < 0 ? `(${value})` : `${value}`) : whole;
      },
    );
  }
  return template;
}

/**
 * The prelude source for a behavior whose source mentions `mentioned`
 * (see guestDecode.ts; null decodes every field eagerly), with the layout
 * constants baked in.
 */
export function guestPrelude(mentioned: ReadonlySet<string> | null): string {
  const decoder = decoderSource(mentioned);
  let source = preludeTemplate();
  source = fillHole(source, 'setup', decoder.setup);
  source = fillHole(source, 'locals', decoder.locals);
  return fillHole(source, 'perAgent', decoder.perAgent);
}
