import { createWallIndex, type WallIndex } from '../space/wallIndex';
import type { World } from '../world/world';

/** Passes over the nearby walls per agent; more settle corners where one push lands in another wall. */
const WALL_PASSES = 4;
/** Outward normals of a rectangle's faces: left, right, top, bottom. */
const FACE_NX = [-1, 1, 0, 0] as const;
const FACE_NY = [0, 0, -1, 1] as const;

/**
 * Pushes agent `i` out of every wall it overlaps and back inside the map
 * bounds. A circle whose centre is outside a wall moves along the line from
 * the wall's closest point (for a flat face: the face normal); a centre
 * inside a wall leaves through the nearest face (minimum penetration) whose
 * exit point is not inside another wall or outside the map, so an agent
 * pushed into a corner where walls meet does not bounce between them. Only
 * the velocity component into the wall is removed, so the tangential part
 * survives and the agent slides. Returns true when it moved the agent.
 */
export function resolveAgentWalls(world: World, i: number): boolean {
  const walls = world.walls;
  const { minX, minY, maxX, maxY, cellStart, cellWalls } = walls;
  const r = world.agentRadius;
  const r2 = r * r;
  let px = world.x[i];
  let py = world.y[i];
  let pvx = world.vx[i];
  let pvy = world.vy[i];
  let moved = false;
  const { cols, rows } = walls;
  const inv = 1 / walls.cellSize;
  // Coordinates go to the helpers in a buffer: double arguments would be boxed.
  const buf = world.scratch.probe;
  for (let pass = 0; pass < WALL_PASSES; pass++) {
    // wallCellAt, written out.
    const col = px > 0 ? Math.min(cols - 1, Math.floor(px * inv)) : 0;
    const row = py > 0 ? Math.min(rows - 1, Math.floor(py * inv)) : 0;
    const cell = row * cols + col;
    const end = cellStart[cell + 1];
    let hit = false;
    for (let k = cellStart[cell]; k < end; k++) {
      const w = cellWalls[k];
      const qx = px < minX[w] ? minX[w] : px > maxX[w] ? maxX[w] : px;
      const qy = py < minY[w] ? minY[w] : py > maxY[w] ? maxY[w] : py;
      const dx = px - qx;
      const dy = py - qy;
      const d2 = dx * dx + dy * dy;
      if (d2 >= r2) continue;
      hit = true;
      let nx: number;
      let ny: number;
      let push: number;
      if (d2 > 0) {
        const d = Math.sqrt(d2);
        nx = dx / d;
        ny = dy / d;
        push = r - d;
      } else {
        buf[0] = px;
        buf[1] = py;
        const face = exitFace(world, walls, w, buf);
        nx = FACE_NX[face];
        ny = FACE_NY[face];
        push = r + buf[2];
      }
      px += nx * push;
      py += ny * push;
      const vn = pvx * nx + pvy * ny;
      if (vn < 0) {
        pvx -= vn * nx;
        pvy -= vn * ny;
      }
    }
    if (!hit) break;
    moved = true;
  }
  // Map bounds: the last word, even on maps without border walls.
  const { width, height } = world.map;
  // clampAxis, written out: a double returned from a call is boxed.
  const cx = width < 2 * r ? width / 2 : px < r ? r : px > width - r ? width - r : px;
  const cy = height < 2 * r ? height / 2 : py < r ? r : py > height - r ? height - r : py;
  if (cx !== px) {
    if ((cx - px) * pvx < 0) pvx = 0;
    px = cx;
    moved = true;
  }
  if (cy !== py) {
    if ((cy - py) * pvy < 0) pvy = 0;
    py = cy;
    moved = true;
  }
  if (moved) {
    world.x[i] = px;
    world.y[i] = py;
    world.vx[i] = pvx;
    world.vy[i] = pvy;
  }
  return moved;
}

/**
 * The face (index into FACE_NX/FACE_NY) by which a centre inside wall `w`
 * leaves: the nearest one whose exit point is free, else the nearest. The
 * centre is `buf[0], buf[1]`; the chosen face's distance is written to
 * `buf[2]`; `buf[3], buf[4]` are scratch.
 */
function exitFace(world: World, walls: WallIndex, w: number, buf: Float64Array): number {
  const r = world.agentRadius;
  const px = buf[0];
  const py = buf[1];
  let nearest = 0;
  let nearestDistance = Infinity;
  let best = -1;
  let bestDistance = Infinity;
  for (let face = 0; face < 4; face++) {
    const distance =
      face === 0
        ? px - walls.minX[w]
        : face === 1
          ? walls.maxX[w] - px
          : face === 2
            ? py - walls.minY[w]
            : walls.maxY[w] - py;
    if (distance < nearestDistance) {
      nearestDistance = distance;
      nearest = face;
    }
    if (distance >= bestDistance) continue;
    buf[3] = px + FACE_NX[face] * (distance + r);
    buf[4] = py + FACE_NY[face] * (distance + r);
    if (pointBlocked(world, walls, buf)) continue;
    best = face;
    bestDistance = distance;
  }
  buf[2] = best >= 0 ? bestDistance : nearestDistance;
  return best >= 0 ? best : nearest;
}

/** True when a centre at (buf[3], buf[4]) would be outside the map's allowed band or strictly inside a wall. */
function pointBlocked(world: World, walls: WallIndex, buf: Float64Array): boolean {
  const px = buf[3];
  const py = buf[4];
  const r = world.agentRadius;
  const { width, height } = world.map;
  if (width >= 2 * r && (px < r || px > width - r)) return true;
  if (height >= 2 * r && (py < r || py > height - r)) return true;
  const col = px > 0 ? Math.min(walls.cols - 1, Math.floor(px / walls.cellSize)) : 0;
  const row = py > 0 ? Math.min(walls.rows - 1, Math.floor(py / walls.cellSize)) : 0;
  const cell = row * walls.cols + col;
  const end = walls.cellStart[cell + 1];
  for (let k = walls.cellStart[cell]; k < end; k++) {
    const w = walls.cellWalls[k];
    if (px > walls.minX[w] && px < walls.maxX[w] && py > walls.minY[w] && py < walls.maxY[w])
      return true;
  }
  return false;
}

/**
 * Resolves every live agent against walls and map bounds (see
 * `resolveAgentWalls`), in index order. Re-indexes the walls first if the
 * agent radius outgrew the index (allocates only then).
 */
export function resolveWalls(world: World): void {
  if (world.agentRadius > world.walls.padding) {
    const { map } = world;
    world.walls = createWallIndex(
      map.walls,
      map.width,
      map.height,
      world.walls.cellSize,
      world.agentRadius,
    );
  }
  const { count, x, y } = world;
  const { cellSize, cols, rows, cellStart } = world.walls;
  const r = world.agentRadius;
  const maxX = world.map.width - r;
  const maxY = world.map.height - r;
  const inv = 1 / cellSize;
  for (let i = 0; i < count; i++) {
    const px = x[i];
    const py = y[i];
    // Fast path: most agents stand in a cell with no wall, well inside the bounds.
    if (px >= r && px <= maxX && py >= r && py <= maxY) {
      const col = Math.floor(px * inv);
      const row = Math.floor(py * inv);
      const cell = (row < rows ? row : rows - 1) * cols + (col < cols ? col : cols - 1);
      if (cellStart[cell] === cellStart[cell + 1]) continue;
    }
    resolveAgentWalls(world, i);
  }
}
