// Pixi v8 generates shader and uniform code with `new Function` unless this
// polyfill is loaded first; our CSP has no 'unsafe-eval', so without it the
// renderer throws at init.
import 'pixi.js/unsafe-eval';
import { Application, Container, Graphics, isWebGLSupported, type Ticker } from 'pixi.js';
import { KIND_AGENT, type DecodedSnapshot } from '../../../../engine/index';
import type { SayLine } from '../../../shared/controlLane';
import type { MapDef } from '../../../shared/hostApi';
import {
  createAgentLayer,
  destroyAgentLayer,
  drawEntities,
  setAgentBounds,
  type AgentLayer,
} from './agentLayer';
import { createBubbleLayer, drawBubbles, drawnBubbles } from './bubbleLayer';
import { fitWorld, followWorld, type CameraFit } from './camera';
import { createInspectLayer, drawInspectLayer, type InspectTarget } from './inspectLayer';
import { createUnitMarkers, drawUnitMarkers } from './unitMarkers';
import { drawMap } from './mapLayer';
import { addSays, clearBubbles, createSpeechBubbles } from './speechBubbles';
import { sampleWorld, type WorldStream } from './worldStream';

/** The arena view: map and agents, drawn every animation frame from a WorldStream. */
export interface ArenaRenderer {
  setMap(map: MapDef | null): void;
  /** Names shown over other players' avatars, by unit id (null: "player N"). */
  setNames(nameOf: (unitId: number) => string | null): void;
  /** Every entity drawn in the last frame, world units; hp 0..100. */
  drawnEntities(): DrawnEntity[];
  /** The labels over units in the last frame ("you", names, agents' numbers). */
  drawnLabels(): string[];
  /** The speech bubbles drawn in the last frame: whose, and what they say. */
  drawnBubbles(): Array<{ unitId: number; text: string }>;
  /** Shows what units said as bubbles over them, from now. */
  addSays(says: readonly SayLine[]): void;
  /** A new match or view: forgets every bubble. */
  clearBubbles(): void;
  /** The world point under a client (CSS pixel) position. */
  toWorld(clientX: number, clientY: number): { x: number; y: number };
  /** The client (CSS pixel) position of a world point, as last drawn. */
  toClient(x: number, y: number): { x: number; y: number };
  /** The live agent drawn nearest a client position, within `maxPx` CSS pixels, or null. */
  pickAgent(clientX: number, clientY: number, maxPx: number): number | null;
  /** The inspected agent's perception radius and line of sight to draw (null: none). */
  setInspect(target: InspectTarget | null): void;
  /** Keeps the camera on this unit (null: the whole map). */
  setFollow(unitId: number | null): void;
  /** 'worker': drawn by the arena worker on an OffscreenCanvas; 'page': on the main thread. */
  readonly thread: 'worker' | 'page';
  /** Called after each snapshot pushed to the stream (the arena worker keeps its own copy). */
  pushed(snapshot: DecodedSnapshot, tickRate: number): void;
  destroy(): void;
}

export interface DrawnEntity {
  id: number;
  kind: number;
  team: number;
  x: number;
  y: number;
  hp: number;
  alive: boolean;
}

export interface ArenaRendererOptions {
  /** Called about twice a second with the frames per second actually drawn. */
  onFps?: (fps: number) => void;
  /** Called after each drawn frame with the number of live units drawn. */
  onDrawn?: (count: number) => void;
}

/** This browser offers no WebGL (no GPU, or it is disabled): the arena cannot be drawn. */
export class WebGLUnavailableError extends Error {
  constructor() {
    super(
      'WebGL is not available in this browser, so the arena cannot be drawn. Enable hardware acceleration or use a browser with WebGL.',
    );
    this.name = 'WebGLUnavailableError';
  }
}

/** World size assumed until the host names a map, so agents still land in view. */
const FALLBACK_WORLD = { width: 1000, height: 1000 };
export const BACKGROUND_COLOR = 0x0f131a;
const FPS_REPORT_INTERVAL_MS = 500;

/**
 * What is drawn each frame on a Pixi Application, from a WorldStream: the
 * same whether the Application draws on the page's canvas or, in the arena
 * worker, on an OffscreenCanvas.
 */
export interface ArenaScene {
  setMap(map: MapDef | null): void;
  setNames(nameOf: (unitId: number) => string | null): void;
  setInspect(target: InspectTarget | null): void;
  setFollow(unitId: number | null): void;
  /** Where the world was placed in the last frame. */
  camera(): CameraFit;
  drawnLabels(): string[];
  drawnBubbles(): Array<{ unitId: number; text: string }>;
  addSays(says: readonly SayLine[]): void;
  clearBubbles(): void;
  /** Stops drawing and destroys the Application with the scene. */
  destroy(): void;
}

export interface ArenaSceneEvents {
  /** After each drawn frame: live units drawn, and the frames per second about twice a second. */
  onFrame?: (units: number, fps: number | null) => void;
}

export function createArenaScene(
  app: Application,
  stream: WorldStream,
  events: ArenaSceneEvents = {},
): ArenaScene {
  const world = new Container();
  const mapGraphics = new Graphics();
  const agents: AgentLayer = createAgentLayer(app.renderer);
  const inspectGraphics = createInspectLayer();
  world.addChild(mapGraphics, inspectGraphics, agents.container, agents.bars);
  const markers = createUnitMarkers();
  const bubbleLayer = createBubbleLayer();
  // Local time on whichever thread draws: bubbles live and fade by its clock.
  const bubbles = createSpeechBubbles();
  app.stage.addChild(world, markers.container, bubbleLayer.container);

  let worldSize = FALLBACK_WORLD;
  let lastFpsReport = 0;
  let inspectTarget: InspectTarget | null = null;
  let followId: number | null = null;
  let camera: CameraFit = { scale: 1, x: 0, y: 0 };

  const update = (ticker: Ticker): void => {
    const now = performance.now();
    sampleWorld(stream, now);
    const units = drawEntities(agents, stream);
    const { width, height } = app.screen;
    const followed = followId === null ? null : positionOf(stream, followId);
    const fit = followed
      ? followWorld(width, height, worldSize.width, worldSize.height, followed)
      : fitWorld(width, height, worldSize.width, worldSize.height);
    camera = fit;
    world.scale.set(fit.scale);
    world.position.set(fit.x, fit.y);
    drawInspectLayer(inspectGraphics, stream, inspectTarget, fit.scale);
    drawUnitMarkers(markers, stream, fit, now);
    drawBubbles(bubbleLayer, bubbles, stream, fit, now);
    let fps: number | null = null;
    if (now - lastFpsReport >= FPS_REPORT_INTERVAL_MS) {
      lastFpsReport = now;
      fps = ticker.FPS;
    }
    events.onFrame?.(units, fps);
  };
  // Runs before the Application's own render callback (registered at low priority).
  app.ticker.add(update);

  let destroyed = false;
  return {
    setMap(map) {
      worldSize = map ?? FALLBACK_WORLD;
      if (map) drawMap(mapGraphics, map);
      else mapGraphics.clear();
      setAgentBounds(agents, worldSize.width, worldSize.height);
    },
    setNames(nameOf) {
      markers.nameOf = nameOf;
    },
    setInspect(target) {
      inspectTarget = target;
    },
    setFollow(unitId) {
      followId = unitId;
    },
    camera: () => camera,
    drawnLabels: () => markers.pool.filter((label) => label.visible).map((label) => label.text),
    drawnBubbles: () => drawnBubbles(bubbleLayer),
    addSays: (says) => addSays(bubbles, says, performance.now()),
    clearBubbles: () => clearBubbles(bubbles),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      app.ticker.remove(update);
      app.destroy({ removeView: true, releaseGlobalResources: true }, { children: true });
      // After the app: its shaders must let go of the circle texture before it is freed.
      destroyAgentLayer(agents);
    },
  };
}

// One Application at a time: destroying one with releaseGlobalResources
// drains pools that a second, still-live one would be using (React's
// StrictMode mounts the view twice in development).
let previousReleased: Promise<void> = Promise.resolve();

/**
 * The arena drawn on the page's main thread (offscreenArena's
 * createArenaRenderer draws it in a worker where it can). It fills host and
 * follows its size. The caller must call destroy() on the result, also when
 * it is no longer wanted by the time the promise resolves.
 * @throws WebGLUnavailableError when the browser offers no WebGL
 */
export async function createPageArenaRenderer(
  host: HTMLElement,
  stream: WorldStream,
  options: ArenaRendererOptions = {},
): Promise<ArenaRenderer> {
  if (!isWebGLSupported()) throw new WebGLUnavailableError();
  const waitFor = previousReleased;
  let release!: () => void;
  previousReleased = new Promise((resolve) => (release = resolve));
  await waitFor;

  const app = new Application();
  try {
    await app.init({
      preference: 'webgl',
      resizeTo: host,
      antialias: true,
      autoDensity: true,
      resolution: window.devicePixelRatio || 1,
      background: BACKGROUND_COLOR,
    });
  } catch (error) {
    release();
    throw error;
  }
  host.appendChild(app.canvas);
  // resizeTo follows only the window's resize event; the pane also changes size when a panel
  // opens, closes or is dragged, so the canvas follows the host's own box.
  const resizes = new ResizeObserver(() => app.resize());
  resizes.observe(host);

  const scene = createArenaScene(app, stream, {
    onFrame(units, fps) {
      options.onDrawn?.(units);
      if (fps !== null) options.onFps?.(fps);
    },
  });
  const queries = streamQueries(
    stream,
    () => app.canvas,
    scene.camera,
    () => {},
  );

  let destroyed = false;
  return {
    ...queries,
    setMap: (map) => scene.setMap(map),
    setNames: (nameOf) => scene.setNames(nameOf),
    drawnLabels: () => scene.drawnLabels(),
    drawnBubbles: () => scene.drawnBubbles(),
    addSays: (says) => scene.addSays(says),
    clearBubbles: () => scene.clearBubbles(),
    setInspect: (target) => scene.setInspect(target),
    setFollow: (unitId) => scene.setFollow(unitId),
    thread: 'page',
    pushed() {},
    destroy() {
      if (destroyed) return;
      destroyed = true;
      resizes.disconnect();
      scene.destroy();
      release();
    },
  };
}

/**
 * The entity queries, answered from the stream on this thread: `sample`
 * brings it up to now first where no frame on this thread does (the arena
 * worker draws from its own copy).
 */
export function streamQueries(
  stream: WorldStream,
  canvas: () => HTMLCanvasElement,
  cameraOf: () => CameraFit,
  sample: () => void,
): Pick<ArenaRenderer, 'toWorld' | 'toClient' | 'pickAgent' | 'drawnEntities'> {
  return {
    toWorld(clientX, clientY) {
      const rect = canvas().getBoundingClientRect();
      const camera = cameraOf();
      const scale = camera.scale || 1;
      return {
        x: (clientX - rect.left - camera.x) / scale,
        y: (clientY - rect.top - camera.y) / scale,
      };
    },
    toClient(x, y) {
      const rect = canvas().getBoundingClientRect();
      const camera = cameraOf();
      return {
        x: rect.left + camera.x + x * camera.scale,
        y: rect.top + camera.y + y * camera.scale,
      };
    },
    pickAgent(clientX, clientY, maxPx) {
      sample();
      const rect = canvas().getBoundingClientRect();
      const camera = cameraOf();
      let best: number | null = null;
      let bestDistance = maxPx;
      for (let i = 0; i < stream.count; i++) {
        if (stream.kinds[i] !== KIND_AGENT || stream.alive[i] !== 1) continue;
        const sx = rect.left + camera.x + stream.xy[2 * i] * camera.scale;
        const sy = rect.top + camera.y + stream.xy[2 * i + 1] * camera.scale;
        // The agent's drawn body counts as a hit as well as the few pixels around it.
        const distance = Math.hypot(sx - clientX, sy - clientY) - stream.radius * camera.scale;
        if (distance <= bestDistance) {
          bestDistance = distance;
          best = stream.ids[i];
        }
      }
      return best;
    },
    drawnEntities() {
      sample();
      const drawn: DrawnEntity[] = [];
      for (let i = 0; i < stream.count; i++) {
        drawn.push({
          id: stream.ids[i],
          kind: stream.kinds[i],
          team: stream.teams[i],
          x: stream.xy[2 * i],
          y: stream.xy[2 * i + 1],
          hp: stream.hp[i],
          alive: stream.alive[i] === 1,
        });
      }
      return drawn;
    },
  };
}

/** Where unit `id` is drawn now, or null. */
function positionOf(stream: WorldStream, id: number): { x: number; y: number } | null {
  for (let i = 0; i < stream.count; i++) {
    if (stream.ids[i] === id) return { x: stream.xy[2 * i], y: stream.xy[2 * i + 1] };
  }
  return null;
}
