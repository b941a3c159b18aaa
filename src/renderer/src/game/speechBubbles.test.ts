import { describe, expect, it } from 'vitest';
import { SAY_BUBBLE_MS } from '../../../shared/controlLane';
import {
  BUBBLE_FADE_MS,
  MAX_BUBBLES,
  addSays,
  bubbleAlpha,
  clearBubbles,
  createSpeechBubbles,
  pruneBubbles,
} from './speechBubbles';

describe('speech bubbles', () => {
  it('shows a bubble whole, fades it over its last moments, then forgets it', () => {
    const bubbles = createSpeechBubbles();
    addSays(bubbles, [{ unitId: 3, text: 'attack' }], 1000);
    const bubble = bubbles.byUnit.get(3)!;
    expect(bubbleAlpha(bubble, 1000)).toBe(1);
    expect(bubbleAlpha(bubble, 1000 + SAY_BUBBLE_MS - BUBBLE_FADE_MS)).toBe(1);
    expect(bubbleAlpha(bubble, 1000 + SAY_BUBBLE_MS - BUBBLE_FADE_MS / 2)).toBeCloseTo(0.5);
    expect(bubbleAlpha(bubble, 1000 + SAY_BUBBLE_MS)).toBe(0);
    pruneBubbles(bubbles, 1000 + SAY_BUBBLE_MS - 1);
    expect(bubbles.byUnit.has(3)).toBe(true);
    pruneBubbles(bubbles, 1000 + SAY_BUBBLE_MS);
    expect(bubbles.byUnit.has(3)).toBe(false);
  });

  it("replaces a unit's bubble with its new words and starts its time over", () => {
    const bubbles = createSpeechBubbles();
    addSays(bubbles, [{ unitId: 3, text: 'attack' }], 0);
    addSays(bubbles, [{ unitId: 3, text: 'retreat' }], SAY_BUBBLE_MS - 10);
    expect(bubbles.byUnit.size).toBe(1);
    const bubble = bubbles.byUnit.get(3)!;
    expect(bubble.text).toBe('retreat');
    expect(bubbleAlpha(bubble, SAY_BUBBLE_MS + 10)).toBe(1);
  });

  it('keeps at most MAX_BUBBLES, the newest', () => {
    const bubbles = createSpeechBubbles();
    const says = Array.from({ length: MAX_BUBBLES + 10 }, (_, k) => ({ unitId: k, text: 'gg' }));
    addSays(bubbles, says, 0);
    expect(bubbles.byUnit.size).toBe(MAX_BUBBLES);
    expect(bubbles.byUnit.has(0)).toBe(false);
    expect(bubbles.byUnit.has(MAX_BUBBLES + 9)).toBe(true);
    clearBubbles(bubbles);
    expect(bubbles.byUnit.size).toBe(0);
  });
});
