import {
  Color,
  Graphics,
  Particle,
  ParticleContainer,
  Rectangle,
  type Renderer,
  type Texture,
} from 'pixi.js';
import { teamColor } from './teamColors';

/** Diameter of the generated circle texture, px: big enough to stay round when zoomed in. */
const CIRCLE_TEXTURE_SIZE = 64;

/**
 * All agents as particles of one ParticleContainer: a single draw call for
 * 10,000+ circles, where Sprites would cost a scene-graph node each.
 * Particles are pooled and reused by slot; a slot may show a different
 * agent from one frame to the next, so colour is re-uploaded every frame.
 */
export interface AgentLayer {
  container: ParticleContainer;
  texture: Texture;
  pool: Particle[];
  /** Agent radius (world units) the pool's scale was set for. */
  radius: number;
  /** Packed ABGR colour per team, in the layout Particle.color expects. */
  colorCache: Map<number, number>;
}

export function createAgentLayer(renderer: Renderer): AgentLayer {
  const circle = circleGraphics();
  const texture = renderer.generateTexture({ target: circle, resolution: 1, antialias: true });
  circle.destroy();
  const container = new ParticleContainer({
    texture,
    dynamicProperties: { position: true, color: true, vertex: false, rotation: false, uvs: false },
  });
  return { container, texture, pool: [], radius: 1, colorCache: new Map() };
}

/**
 * Shows count agents: ids[i] at (xy[2i], xy[2i+1]) world units.
 * @param teamOf team of an agent id
 */
export function drawAgents(
  layer: AgentLayer,
  count: number,
  ids: Uint32Array,
  xy: Float32Array,
  radius: number,
  teamOf: (id: number) => number,
): void {
  const { container, pool } = layer;
  const scale = (2 * radius) / CIRCLE_TEXTURE_SIZE;
  let staticChanged = false;
  if (radius !== layer.radius) {
    layer.radius = radius;
    for (const particle of pool) particle.scaleX = particle.scaleY = scale;
    staticChanged = true;
  }
  while (pool.length < count) {
    pool.push(
      new Particle({
        texture: layer.texture,
        anchorX: 0.5,
        anchorY: 0.5,
        scaleX: scale,
        scaleY: scale,
      }),
    );
  }
  const children = container.particleChildren;
  if (children.length !== count) {
    children.length = 0;
    for (let i = 0; i < count; i++) children.push(pool[i]);
    staticChanged = true;
  }
  for (let i = 0; i < count; i++) {
    const particle = children[i];
    particle.x = xy[2 * i];
    particle.y = xy[2 * i + 1];
    particle.color = packedColor(layer, teamOf(ids[i]));
  }
  // Scale (vertex) is static: it reaches the GPU only when the container is told to re-upload.
  if (staticChanged) container.update();
}

/** Limits the container's bounds to the map, which it cannot compute itself. */
export function setAgentBounds(layer: AgentLayer, width: number, height: number): void {
  layer.container.boundsArea = new Rectangle(0, 0, width, height);
}

/** Frees the texture and pool; the container goes with the scene it belongs to. */
export function destroyAgentLayer(layer: AgentLayer): void {
  layer.texture.destroy(true);
  layer.pool.length = 0;
}

function packedColor(layer: AgentLayer, team: number): number {
  let color = layer.colorCache.get(team);
  if (color === undefined) {
    // Same packing Particle's tint setter uses: BGR in the low bytes, alpha in the top byte.
    color = new Color(teamColor(team)).toBgrNumber() + (255 << 24);
    layer.colorCache.set(team, color);
  }
  return color;
}

/** White disc with a darker rim, so touching agents stay distinguishable once tinted. */
function circleGraphics(): Graphics {
  const half = CIRCLE_TEXTURE_SIZE / 2;
  return new Graphics()
    .circle(half, half, half)
    .fill(0x8c8c8c)
    .circle(half, half, half - 6)
    .fill(0xffffff);
}
