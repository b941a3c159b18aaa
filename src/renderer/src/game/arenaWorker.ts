/**
 * The arena worker: draws the arena scene on the OffscreenCanvas the page
 * transferred, from its own WorldStream fed by the snapshots the page
 * forwards (see offscreenArena.ts for the messages).
 */
import { Application, DOMAdapter, isWebGLSupported, WebWorkerAdapter } from 'pixi.js';
import { BACKGROUND_COLOR, createArenaScene, type ArenaScene } from './arenaRenderer';
import type { FromArenaWorker, ToArenaWorker } from './offscreenArena';
import { createWorldStream, pushSnapshot } from './worldStream';

DOMAdapter.set(WebWorkerAdapter);

// The page's lib has no worker scope types: the few this file uses.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToArenaWorker>) => void) | null;
  postMessage(message: FromArenaWorker): void;
};
const post = (message: FromArenaWorker) => scope.postMessage(message);

const stream = createWorldStream();
let own: { x: number; y: number } | null = null;
stream.ownPosition = () => own;
const names = new Map<number, string>();
let app: Application | null = null;
let scene: ArenaScene | null = null;
/** Messages that came before the scene was up, applied once it is. */
const early: ToArenaWorker[] = [];

scope.onmessage = (event) => {
  const message = event.data;
  if (message.t === 'init')
    // Anything that throws while the scene is built says so: the page then draws the arena itself.
    start(message).catch((error: unknown) =>
      post({ t: 'failed', webgl: false, message: String(error) }),
    );
  else if (message.t === 'snapshot') {
    stream.ownId = message.ownId;
    if (message.names) {
      names.clear();
      for (const [id, name] of message.names) names.set(id, name);
    }
    pushSnapshot(stream, message, message.tickRate, performance.now());
  } else if (message.t === 'own') own = message.at;
  else if (!scene) early.push(message);
  else apply(scene, message);
};

function apply(on: ArenaScene, message: ToArenaWorker): void {
  switch (message.t) {
    case 'resize':
      app?.renderer.resize(message.width, message.height, message.resolution);
      break;
    case 'map':
      on.setMap(message.map);
      break;
    case 'inspect':
      on.setInspect(message.target);
      break;
    case 'follow':
      on.setFollow(message.unitId);
      break;
    case 'says':
      on.addSays(message.says);
      break;
    case 'clearBubbles':
      on.clearBubbles();
      break;
  }
}

async function start(init: Extract<ToArenaWorker, { t: 'init' }>): Promise<void> {
  try {
    if (!isWebGLSupported()) {
      post({ t: 'failed', webgl: true, message: 'no WebGL in the worker' });
      return;
    }
    const created = new Application();
    await created.init({
      canvas: init.canvas,
      preference: 'webgl',
      width: init.width,
      height: init.height,
      antialias: true,
      resolution: init.resolution,
      background: BACKGROUND_COLOR,
    });
    app = created;
  } catch (error) {
    post({ t: 'failed', webgl: false, message: String(error) });
    return;
  }
  let labelsSent = '';
  let bubblesSent = '';
  const current = createArenaScene(app, stream, {
    onFrame(units, fps) {
      const labels = current.drawnLabels();
      const key = JSON.stringify(labels);
      const changed = key !== labelsSent;
      labelsSent = key;
      const bubbles = current.drawnBubbles();
      const bubblesKey = JSON.stringify(bubbles);
      const bubblesChanged = bubblesKey !== bubblesSent;
      bubblesSent = bubblesKey;
      post({
        t: 'frame',
        units,
        camera: current.camera(),
        labels: changed ? labels : undefined,
        bubbles: bubblesChanged ? bubbles : undefined,
        fps,
      });
    },
  });
  current.setNames((unitId) => names.get(unitId) ?? null);
  scene = current;
  for (const message of early.splice(0)) apply(current, message);
  post({ t: 'ready' });
}
