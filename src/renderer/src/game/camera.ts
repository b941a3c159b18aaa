/** Where the world container goes so a map fits the view, centred. */
export interface CameraFit {
  /** Screen pixels per world unit. */
  scale: number;
  /** Screen position (px) of world origin. */
  x: number;
  y: number;
}

/** Screen pixels kept free around the map on each side. */
const MARGIN_PX = 16;

/**
 * @param viewWidth, viewHeight view size in CSS pixels
 * @param worldWidth, worldHeight map size in world units
 */
export function fitWorld(
  viewWidth: number,
  viewHeight: number,
  worldWidth: number,
  worldHeight: number,
): CameraFit {
  const usableWidth = Math.max(1, viewWidth - 2 * MARGIN_PX);
  const usableHeight = Math.max(1, viewHeight - 2 * MARGIN_PX);
  const scale = Math.min(usableWidth / worldWidth, usableHeight / worldHeight);
  return {
    scale,
    x: (viewWidth - worldWidth * scale) / 2,
    y: (viewHeight - worldHeight * scale) / 2,
  };
}

/** How much closer a followed agent is shown than the whole map. */
export const FOLLOW_ZOOM = 2.5;

/**
 * The camera on `target` (world units): `zoom` times the whole-map scale,
 * the target in the middle of the view.
 */
export function followWorld(
  viewWidth: number,
  viewHeight: number,
  worldWidth: number,
  worldHeight: number,
  target: { x: number; y: number },
  zoom = FOLLOW_ZOOM,
): CameraFit {
  const scale = fitWorld(viewWidth, viewHeight, worldWidth, worldHeight).scale * zoom;
  return { scale, x: viewWidth / 2 - target.x * scale, y: viewHeight / 2 - target.y * scale };
}
