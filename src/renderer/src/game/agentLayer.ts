import {
  Color,
  Graphics,
  Particle,
  ParticleContainer,
  Rectangle,
  Texture,
  type Renderer,
} from 'pixi.js';
import { ITEM_COLOR, PROJECTILE_COLOR, teamColor } from './teamColors';
import { KIND_AVATAR, KIND_ITEM, KIND_PROJECTILE } from '../../../../engine/index';
import type { WorldStream } from './worldStream';

/** Diameter of the generated circle texture, px: big enough to stay round when zoomed in. */
const CIRCLE_TEXTURE_SIZE = 64;
const PROJECTILE_RADIUS = 3;
const ITEM_RADIUS = 5;
const BAR_WIDTH_RADII = 2.4;
const BAR_HEIGHT = 2.5;
const BAR_BACK = 0x202631;
const BAR_GOOD = 0x5ddc7a;
const BAR_LOW = 0xff5d5d;

/**
 * Every entity as a particle of one ParticleContainer (a single draw call
 * for 10,000+ circles, where Sprites would cost a scene-graph node each),
 * and health bars as particles of a second one. Particles are pooled and
 * reused by slot; a slot may show a different entity next frame, so
 * position, scale and colour are re-uploaded every frame.
 */
export interface AgentLayer {
  container: ParticleContainer;
  bars: ParticleContainer;
  texture: Texture;
  pool: Particle[];
  barPool: Particle[];
  /** Packed ABGR colours, in the layout Particle.color expects. */
  colorCache: Map<number, number>;
}

export function createAgentLayer(renderer: Renderer): AgentLayer {
  const circle = circleGraphics();
  const texture = renderer.generateTexture({ target: circle, resolution: 1, antialias: true });
  circle.destroy();
  const dynamicProperties = {
    position: true,
    color: true,
    vertex: true,
    rotation: false,
    uvs: false,
  };
  const container = new ParticleContainer({ texture, dynamicProperties });
  const bars = new ParticleContainer({ texture: Texture.WHITE, dynamicProperties });
  return { container, bars, texture, pool: [], barPool: [], colorCache: new Map() };
}

/** Draws what sampleWorld left in the stream: units by team, projectiles, items, health bars. */
export function drawEntities(layer: AgentLayer, stream: WorldStream): number {
  const { count, xy, kinds, teams, hp, alive } = stream;
  const unitScale = (2 * stream.radius) / CIRCLE_TEXTURE_SIZE;
  const circles = use(layer.container, layer.pool, count, layer.texture);
  let shown = 0;
  let barCount = 0;
  for (let i = 0; i < count; i++) if (kinds[i] <= 1 && alive[i]) barCount++;
  const bars = use(layer.bars, layer.barPool, barCount * 2, Texture.WHITE);
  let bar = 0;
  for (let i = 0; i < count; i++) {
    const particle = circles[i];
    const kind = kinds[i];
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    particle.x = x;
    particle.y = y;
    if (kind === KIND_PROJECTILE) {
      particle.scaleX = particle.scaleY = (2 * PROJECTILE_RADIUS) / CIRCLE_TEXTURE_SIZE;
      particle.color = packed(layer, PROJECTILE_COLOR, 255);
      continue;
    }
    if (kind === KIND_ITEM) {
      particle.scaleX = particle.scaleY = (2 * ITEM_RADIUS) / CIRCLE_TEXTURE_SIZE;
      particle.color = packed(layer, ITEM_COLOR, 255);
      continue;
    }
    const scale = kind === KIND_AVATAR ? unitScale * 1.3 : unitScale;
    particle.scaleX = particle.scaleY = scale;
    // Dead units wait for their respawn invisible; the slot stays so the pool does not churn.
    particle.color = packed(layer, teamColor(teams[i]), alive[i] ? 255 : 0);
    if (!alive[i]) continue;
    shown++;
    const width = stream.radius * BAR_WIDTH_RADII;
    const top = y - stream.radius * 1.6;
    const back = bars[bar++];
    back.x = x - width / 2;
    back.y = top;
    back.scaleX = width;
    back.scaleY = BAR_HEIGHT;
    back.color = packed(layer, BAR_BACK, 255);
    const front = bars[bar++];
    front.x = x - width / 2;
    front.y = top;
    front.scaleX = (width * hp[i]) / 100;
    front.scaleY = BAR_HEIGHT;
    front.color = packed(layer, hp[i] > 35 ? BAR_GOOD : BAR_LOW, 255);
  }
  return shown;
}

/** Makes `container` hold exactly `count` pooled particles and returns them. */
function use(
  container: ParticleContainer,
  pool: Particle[],
  count: number,
  texture: Texture,
): Particle[] {
  while (pool.length < count) {
    pool.push(
      new Particle({
        texture,
        anchorX: texture === Texture.WHITE ? 0 : 0.5,
        anchorY: texture === Texture.WHITE ? 0 : 0.5,
      }),
    );
  }
  const children = container.particleChildren as Particle[];
  if (children.length !== count) {
    children.length = 0;
    for (let i = 0; i < count; i++) children.push(pool[i]);
    container.update();
  }
  return children;
}

/** Limits the containers' bounds to the map, which they cannot compute themselves. */
export function setAgentBounds(layer: AgentLayer, width: number, height: number): void {
  layer.container.boundsArea = new Rectangle(0, 0, width, height);
  layer.bars.boundsArea = new Rectangle(0, 0, width, height);
}

/** Frees the texture and pools; the containers go with the scene they belong to. */
export function destroyAgentLayer(layer: AgentLayer): void {
  layer.texture.destroy(true);
  layer.pool.length = 0;
  layer.barPool.length = 0;
}

function packed(layer: AgentLayer, rgb: number, alpha: number): number {
  const key = rgb * 256 + alpha;
  let color = layer.colorCache.get(key);
  if (color === undefined) {
    // Same packing Particle's tint setter uses: BGR in the low bytes, alpha in the top byte.
    color = new Color(rgb).toBgrNumber() + alpha * 2 ** 24;
    layer.colorCache.set(key, color);
  }
  return color;
}

/** White disc with a darker rim, so touching units stay distinguishable once tinted. */
function circleGraphics(): Graphics {
  const half = CIRCLE_TEXTURE_SIZE / 2;
  return new Graphics()
    .circle(half, half, half)
    .fill(0x8c8c8c)
    .circle(half, half, half - 6)
    .fill(0xffffff);
}
