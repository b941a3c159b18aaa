import { BitmapText, Container, Graphics } from 'pixi.js';
import type { CameraFit } from './camera';
import { bubbleAlpha, pruneBubbles, type SpeechBubbles } from './speechBubbles';
import type { WorldStream } from './worldStream';

const TEXT_STYLE = { fontFamily: 'sans-serif', fontSize: 12, fill: 0x10141b } as const;
const PAD_X = 6;
const PAD_Y = 3;
const TAIL_PX = 5;
/** Room left above a unit for its name label (unitMarkers.ts), screen px. */
const LABEL_ROOM_PX = 17;

/** One pooled bubble: its box and tail, and its words (a BitmapText: drawn as text, never markup). */
interface BubbleSprite {
  container: Container;
  box: Graphics;
  label: BitmapText;
  unitId: number;
}

/** Speech bubbles over the units that said something, at a constant screen size. */
export interface BubbleLayer {
  container: Container;
  pool: BubbleSprite[];
  /** Bubbles drawn in the last frame. */
  used: number;
}

export function createBubbleLayer(): BubbleLayer {
  return { container: new Container(), pool: [], used: 0 };
}

/**
 * Draws each live bubble of `bubbles` over its unit where the stream draws
 * it now (interpolated), above its name; a unit not drawn (out of view,
 * dead) shows none. Faded bubbles are forgotten.
 */
export function drawBubbles(
  layer: BubbleLayer,
  bubbles: SpeechBubbles,
  stream: WorldStream,
  fit: CameraFit,
  nowMs: number,
): void {
  pruneBubbles(bubbles, nowMs);
  let used = 0;
  if (bubbles.byUnit.size > 0) {
    const radiusPx = stream.radius * fit.scale;
    for (let i = 0; i < stream.count; i++) {
      const bubble = bubbles.byUnit.get(stream.ids[i]);
      if (!bubble || !stream.alive[i]) continue;
      const sprite = spriteAt(layer, used++);
      sprite.unitId = stream.ids[i];
      if (sprite.label.text !== bubble.text) {
        sprite.label.text = bubble.text;
        const width = sprite.label.width + 2 * PAD_X;
        const height = sprite.label.height + 2 * PAD_Y;
        sprite.label.position.set(-width / 2 + PAD_X, -height - TAIL_PX + PAD_Y);
        sprite.box
          .clear()
          .roundRect(-width / 2, -height - TAIL_PX, width, height, 5)
          .poly([-4, -TAIL_PX, 4, -TAIL_PX, 0, 0])
          .fill({ color: 0xf4f6fa, alpha: 0.95 })
          .stroke({ color: 0x10141b, width: 1, alpha: 0.6 });
      }
      sprite.container.alpha = bubbleAlpha(bubble, nowMs);
      sprite.container.position.set(
        fit.x + stream.xy[2 * i] * fit.scale,
        fit.y + stream.xy[2 * i + 1] * fit.scale - radiusPx * 1.6 - LABEL_ROOM_PX,
      );
    }
  }
  for (let k = used; k < layer.pool.length; k++) layer.pool[k].container.visible = false;
  layer.used = used;
}

/** The bubbles drawn in the last frame: whose, and what they say. */
export function drawnBubbles(layer: BubbleLayer): Array<{ unitId: number; text: string }> {
  return layer.pool
    .slice(0, layer.used)
    .map((sprite) => ({ unitId: sprite.unitId, text: sprite.label.text }));
}

function spriteAt(layer: BubbleLayer, index: number): BubbleSprite {
  let sprite = layer.pool[index];
  if (!sprite) {
    const container = new Container();
    const box = new Graphics();
    const label = new BitmapText({ text: '', style: { ...TEXT_STYLE } });
    container.addChild(box, label);
    sprite = { container, box, label, unitId: -1 };
    layer.pool.push(sprite);
    layer.container.addChild(container);
  }
  sprite.container.visible = true;
  return sprite;
}
