import type { Graphics } from 'pixi.js';
import type { MapDef } from '../../../shared/hostApi';

const FLOOR_COLOR = 0x1b2230;
const FLOOR_EDGE_COLOR = 0x2c3648;
const WALL_COLOR = 0x5a6478;

/** Redraws the map's floor and walls into graphics, in world units. */
export function drawMap(graphics: Graphics, map: MapDef): void {
  graphics.clear();
  graphics
    .rect(0, 0, map.width, map.height)
    .fill(FLOOR_COLOR)
    .stroke({ color: FLOOR_EDGE_COLOR, width: 2, alignment: 1 });
  for (const wall of map.walls) graphics.rect(wall.x, wall.y, wall.w, wall.h).fill(WALL_COLOR);
}
