import { BitmapText, Container, Graphics } from 'pixi.js';
import { KIND_AVATAR, KIND_AGENT } from '../../../../engine/index';
import type { CameraFit } from './camera';
import type { WorldStream } from './worldStream';

/** How long a hit unit flashes, ms. */
export const HIT_FLASH_MS = 180;
/** Past this many agents in view their short names are left off: they would cover the arena. */
const MAX_AGENT_LABELS = 40;
/** Agents' names need this many screen px of radius to be read beside them. */
const MIN_LABEL_RADIUS_PX = 4;
const OWN_RING = 0xffffff;
const LABEL_STYLE = { fontFamily: 'sans-serif', fontSize: 12, fill: 0xffffff } as const;

/**
 * Screen-space marks drawn over the world each frame, at a constant pixel
 * size whatever the zoom: the viewer's own unit ringed and labelled "you",
 * names over avatars and short names over agents, each unit's aim, hit
 * flashes. Labels are pooled BitmapTexts (one glyph atlas, no per-label
 * texture).
 */
export interface UnitMarkers {
  container: Container;
  graphics: Graphics;
  labels: Container;
  pool: BitmapText[];
  /** An avatar's display name by unit id, or null when unknown. */
  nameOf: (unitId: number) => string | null;
}

export function createUnitMarkers(): UnitMarkers {
  const container = new Container();
  const graphics = new Graphics();
  const labels = new Container();
  container.addChild(graphics, labels);
  return { container, graphics, labels, pool: [], nameOf: () => null };
}

/** What the label over unit i says, or null for none. */
function labelOf(
  markers: UnitMarkers,
  stream: WorldStream,
  i: number,
  agentLabels: boolean,
): string | null {
  const id = stream.ids[i];
  if (id === stream.ownId) return 'you';
  if (stream.kinds[i] === KIND_AVATAR) return markers.nameOf(id) ?? `player ${id}`;
  return agentLabels ? `#${id}` : null;
}

/** Redraws every mark for the units sampleWorld left in `stream`, placed by the camera `fit`. */
export function drawUnitMarkers(
  markers: UnitMarkers,
  stream: WorldStream,
  fit: CameraFit,
  nowMs: number,
): void {
  const { graphics } = markers;
  graphics.clear();
  const radiusPx = stream.radius * fit.scale;
  let agents = 0;
  for (let i = 0; i < stream.count; i++) if (stream.kinds[i] === KIND_AGENT) agents++;
  const agentLabels = agents <= MAX_AGENT_LABELS && radiusPx >= MIN_LABEL_RADIUS_PX;
  let used = 0;
  for (let i = 0; i < stream.count; i++) {
    const kind = stream.kinds[i];
    if (kind > KIND_AGENT || !stream.alive[i]) continue;
    const id = stream.ids[i];
    const x = fit.x + stream.xy[2 * i] * fit.scale;
    const y = fit.y + stream.xy[2 * i + 1] * fit.scale;
    const r = kind === KIND_AVATAR ? radiusPx * 1.3 : radiusPx;
    const angle = stream.angles[i];
    // Aim: a short line from the rim the way the unit faces.
    graphics
      .moveTo(x + Math.cos(angle) * r, y + Math.sin(angle) * r)
      .lineTo(
        x + Math.cos(angle) * (r + Math.max(4, r * 0.9)),
        y + Math.sin(angle) * (r + Math.max(4, r * 0.9)),
      )
      .stroke({ color: 0xffffff, width: id === stream.ownId ? 2 : 1, alpha: 0.8 });
    if (id === stream.ownId) {
      graphics.circle(x, y, r + 4).stroke({ color: OWN_RING, width: 2 });
    }
    const hit = stream.hitAt.get(id);
    if (hit !== undefined) {
      const age = nowMs - hit;
      if (age < HIT_FLASH_MS && age >= 0)
        graphics.circle(x, y, r).fill({ color: 0xffffff, alpha: 0.85 * (1 - age / HIT_FLASH_MS) });
    }
    const text = labelOf(markers, stream, i, agentLabels);
    if (text === null) continue;
    const label = labelAt(markers, used++);
    if (label.text !== text) label.text = text;
    label.x = x - label.width / 2;
    // Above the health bar, which sits 1.6 radii over the centre.
    label.y = y - radiusPx * 1.6 - label.height - 3;
  }
  for (let i = used; i < markers.pool.length; i++) markers.pool[i].visible = false;
  for (const [id, at] of stream.hitAt) if (nowMs - at >= HIT_FLASH_MS) stream.hitAt.delete(id);
}

function labelAt(markers: UnitMarkers, index: number): BitmapText {
  let label = markers.pool[index];
  if (!label) {
    label = new BitmapText({ text: '', style: { ...LABEL_STYLE } });
    markers.pool.push(label);
    markers.labels.addChild(label);
  }
  label.visible = true;
  return label;
}
