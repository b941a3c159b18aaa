/**
 * The arena drawn in a worker on an OffscreenCanvas, so that drawing 1,000+
 * agents never holds up the page's main thread (the editor, the LLM
 * stream, input). The main thread keeps the network client and its own
 * WorldStream: it forwards each snapshot (a copy of its rows, transferred),
 * the own avatar's predicted position, names, the map, the inspected agent
 * and the view's size; the worker posts back after each frame where it
 * placed the world, the labels it drew, how many units, and its frame rate.
 * The entity queries (drawnEntities, pickAgent…) are answered here from
 * this thread's copy of the stream, sampled when asked.
 */
import { KIND_AVATAR, type DecodedSnapshot } from '../../../../engine/index';
import type { MapDef } from '../../../shared/hostApi';
import {
  createPageArenaRenderer,
  streamQueries,
  type ArenaRenderer,
  type ArenaRendererOptions,
} from './arenaRenderer';
import type { SayLine } from '../../../shared/controlLane';
import type { CameraFit } from './camera';
import type { InspectTarget } from './inspectLayer';
import { sampleWorld, type StreamEntities, type WorldStream } from './worldStream';

/** The page's copy of the world is sampled again for a query after this long, ms. */
const SAMPLE_EVERY_MS = 16;

/** What the page tells the arena worker. */
export type ToArenaWorker =
  | { t: 'init'; canvas: OffscreenCanvas; width: number; height: number; resolution: number }
  | {
      t: 'snapshot';
      tick: number;
      entities: StreamEntities;
      tickRate: number;
      ownId: number | null;
      /** Avatars' names, when they changed since the last snapshot sent. */
      names?: Array<[number, string]>;
    }
  | { t: 'own'; at: { x: number; y: number } | null }
  | { t: 'resize'; width: number; height: number; resolution: number }
  | { t: 'map'; map: MapDef | null }
  | { t: 'inspect'; target: InspectTarget | null }
  | { t: 'follow'; unitId: number | null }
  | { t: 'says'; says: SayLine[] }
  | { t: 'clearBubbles' };

/** What the arena worker tells the page. */
export type FromArenaWorker =
  | { t: 'ready' }
  /** `webgl`: the worker has no WebGL (the page may still have it); otherwise what failed. */
  | { t: 'failed'; webgl: boolean; message: string }
  | {
      t: 'frame';
      units: number;
      camera: CameraFit;
      /** The labels drawn, when they changed since the last frame posted. */
      labels?: string[];
      /** The speech bubbles drawn, when they changed since the last frame posted. */
      bubbles?: Array<{ unitId: number; text: string }>;
      fps: number | null;
    };

/** The arena is drawn in a worker unless this browser cannot, or the page asks for the main thread. */
export function arenaWorkerWanted(): boolean {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return false;
  if (!('transferControlToOffscreen' in HTMLCanvasElement.prototype)) return false;
  try {
    // For measuring both ways (the page.latency bench); not a user setting.
    return globalThis.localStorage?.getItem('arbiter.arenaThread') !== 'main';
  } catch {
    return true;
  }
}

/**
 * Creates the arena view inside host (it fills host and follows its size):
 * in a worker where the browser can draw there, on the page otherwise. The
 * caller must call destroy() on the result, also when it is no longer
 * wanted by the time the promise resolves.
 * @throws WebGLUnavailableError when the browser offers no WebGL
 */
export async function createArenaRenderer(
  host: HTMLElement,
  stream: WorldStream,
  options: ArenaRendererOptions = {},
): Promise<ArenaRenderer> {
  if (arenaWorkerWanted()) {
    const inWorker = await createWorkerArenaRenderer(host, stream, options);
    if (inWorker) return inWorker;
  }
  return createPageArenaRenderer(host, stream, options);
}

/** The arena drawn by a worker, or null when the worker cannot draw it (then the page does). */
async function createWorkerArenaRenderer(
  host: HTMLElement,
  stream: WorldStream,
  options: ArenaRendererOptions,
): Promise<ArenaRenderer | null> {
  const canvas = document.createElement('canvas');
  canvas.style.display = 'block';
  const size = () => ({
    width: Math.max(1, host.clientWidth),
    height: Math.max(1, host.clientHeight),
    resolution: window.devicePixelRatio || 1,
  });
  const styleSize = ({ width, height }: { width: number; height: number }) => {
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  };
  const first = size();
  styleSize(first);
  let worker: Worker;
  let offscreen: OffscreenCanvas;
  try {
    worker = new Worker(new URL('./arenaWorker.ts', import.meta.url), {
      type: 'module',
      name: 'arena',
    });
    offscreen = canvas.transferControlToOffscreen();
  } catch {
    return null;
  }
  const post = (message: ToArenaWorker, transfer: Transferable[] = []) =>
    worker.postMessage(message, transfer);

  let camera: CameraFit = { scale: 1, x: 0, y: 0 };
  let labels: string[] = [];
  let bubbles: Array<{ unitId: number; text: string }> = [];
  const started = await new Promise<boolean>((resolve) => {
    worker.onerror = (event) => {
      event.preventDefault();
      resolve(false);
    };
    worker.onmessage = (event: MessageEvent<FromArenaWorker>) => {
      const message = event.data;
      if (message.t === 'ready') resolve(true);
      else if (message.t === 'failed') {
        console.info(`The page draws the arena: the arena worker could not (${message.message}).`);
        resolve(false);
      }
    };
    post({ t: 'init', canvas: offscreen, ...first }, [offscreen]);
  });
  if (!started) {
    worker.terminate();
    return null;
  }
  worker.onerror = null;
  worker.onmessage = (event: MessageEvent<FromArenaWorker>) => {
    const message = event.data;
    if (message.t !== 'frame') return;
    camera = message.camera;
    if (message.labels) labels = message.labels;
    if (message.bubbles) bubbles = message.bubbles;
    options.onDrawn?.(message.units);
    if (message.fps !== null) options.onFps?.(message.fps);
  };
  host.appendChild(canvas);

  const resizes = new ResizeObserver(() => {
    const next = size();
    styleSize(next);
    post({ t: 'resize', ...next });
  });
  resizes.observe(host);

  // The own avatar is drawn where prediction puts it, which only this thread knows: post it
  // when it moves (a comparison per frame here; the drawing stays in the worker).
  let own: { x: number; y: number } | null = null;
  let ownFrame = 0;
  const followOwn = () => {
    ownFrame = requestAnimationFrame(followOwn);
    const at = stream.ownId !== null && stream.ownPosition ? stream.ownPosition() : null;
    if (at?.x === own?.x && at?.y === own?.y) return;
    own = at ? { x: at.x, y: at.y } : null;
    post({ t: 'own', at: own });
  };
  ownFrame = requestAnimationFrame(followOwn);

  let nameOf: (unitId: number) => string | null = () => null;
  let namesSent = '';
  const namesIn = (snapshot: DecodedSnapshot): Array<[number, string]> | undefined => {
    const { count, kind, id } = snapshot.entities;
    const names: Array<[number, string]> = [];
    for (let i = 0; i < count; i++) {
      if (kind[i] !== KIND_AVATAR) continue;
      const name = nameOf(id[i]);
      if (name !== null) names.push([id[i], name]);
    }
    const key = JSON.stringify(names);
    if (key === namesSent) return undefined;
    namesSent = key;
    return names;
  };

  // Sampled when asked (input and clicks ask; nothing is drawn here), at most once a frame's time.
  let sampledAt = -Infinity;
  const queries = streamQueries(
    stream,
    () => canvas,
    () => camera,
    () => {
      const now = performance.now();
      if (now - sampledAt < SAMPLE_EVERY_MS) return;
      sampledAt = now;
      sampleWorld(stream, now);
    },
  );
  let destroyed = false;
  return {
    ...queries,
    setMap: (map) => post({ t: 'map', map }),
    setNames(next) {
      nameOf = next;
      namesSent = '';
    },
    drawnLabels: () => labels,
    drawnBubbles: () => bubbles,
    addSays: (says) => post({ t: 'says', says: [...says] }),
    clearBubbles: () => post({ t: 'clearBubbles' }),
    thread: 'worker',
    setInspect: (target) => post({ t: 'inspect', target }),
    setFollow: (unitId) => post({ t: 'follow', unitId }),
    pushed(snapshot, tickRate) {
      if (destroyed) return;
      const { entities, tick } = snapshot;
      const n = entities.count;
      const copy: StreamEntities = {
        count: n,
        id: entities.id.slice(0, n),
        x: entities.x.slice(0, n),
        y: entities.y.slice(0, n),
        kind: entities.kind.slice(0, n),
        team: entities.team.slice(0, n),
        hp: entities.hp.slice(0, n),
        flags: entities.flags.slice(0, n),
        angle: entities.angle.slice(0, n),
      };
      post(
        {
          t: 'snapshot',
          tick,
          entities: copy,
          tickRate,
          ownId: stream.ownId,
          names: namesIn(snapshot),
        },
        [copy.id, copy.x, copy.y, copy.kind, copy.team, copy.hp, copy.flags, copy.angle].map(
          (array) => array.buffer,
        ),
      );
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      cancelAnimationFrame(ownFrame);
      resizes.disconnect();
      worker.terminate();
      canvas.remove();
    },
  };
}
