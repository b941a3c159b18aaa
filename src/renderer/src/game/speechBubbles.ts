/**
 * What agents said, as speech bubbles: one per unit (a new say replaces
 * the old), shown for SAY_BUBBLE_MS from when it arrived and fading out
 * over the last BUBBLE_FADE_MS. Local time, ms (performance.now()), so a
 * paused match lets its bubbles fade as a paused video's subtitles would.
 */
import { SAY_BUBBLE_MS, type SayLine } from '../../../shared/controlLane';

/** The fade at the end of a bubble's life, ms. */
export const BUBBLE_FADE_MS = 600;
/** Most bubbles kept at once; past it the oldest go first. */
export const MAX_BUBBLES = 64;

export interface SpeechBubble {
  text: string;
  /** When it arrived, local ms. */
  at: number;
}

export interface SpeechBubbles {
  /** By unit id, oldest first (a renewed bubble moves to the end). */
  byUnit: Map<number, SpeechBubble>;
}

export function createSpeechBubbles(): SpeechBubbles {
  return { byUnit: new Map() };
}

/** Shows each of `says` over its unit from `nowMs`, replacing that unit's bubble. */
export function addSays(bubbles: SpeechBubbles, says: readonly SayLine[], nowMs: number): void {
  for (const { unitId, text } of says) {
    bubbles.byUnit.delete(unitId);
    bubbles.byUnit.set(unitId, { text, at: nowMs });
  }
  for (const unitId of bubbles.byUnit.keys()) {
    if (bubbles.byUnit.size <= MAX_BUBBLES) break;
    bubbles.byUnit.delete(unitId);
  }
}

/** How opaque `bubble` is at `nowMs`: 1, then fading to 0 at SAY_BUBBLE_MS after it came. */
export function bubbleAlpha(bubble: SpeechBubble, nowMs: number): number {
  const left = bubble.at + SAY_BUBBLE_MS - nowMs;
  if (left <= 0) return 0;
  return Math.min(1, left / BUBBLE_FADE_MS);
}

/** Forgets the bubbles that have faded out by `nowMs`. */
export function pruneBubbles(bubbles: SpeechBubbles, nowMs: number): void {
  for (const [unitId, bubble] of bubbles.byUnit)
    if (bubbleAlpha(bubble, nowMs) === 0) bubbles.byUnit.delete(unitId);
}

/** A new match or view: none of the old words apply. */
export function clearBubbles(bubbles: SpeechBubbles): void {
  bubbles.byUnit.clear();
}
