import { useEffect, useRef, useState } from 'react';
import type { DecodedSnapshot } from '../../../engine/index';
import { ArenaHud } from './arena/ArenaHud';
import type { ClientHud } from './arena/useClientHud';
import { describeError } from './describeError';
import type { ArenaRenderer } from './game/arenaRenderer';
import { createArenaRenderer } from './game/offscreenArena';
import { createWorldStream, pushSnapshot } from './game/worldStream';
import { createControls } from './input/controls';
import type { PlayerClient } from './net/playerClient';
import { useArbiterStore } from './store';
import { testHook } from './testHook';
import { inspectAgent, listenToInspections, useInspectorStore } from './inspector/inspectorStore';
import { KIND_AGENT } from '../../../engine/index';

/** How far from an agent's body a click still selects it, CSS px. */
const PICK_PX = 10;

export interface ArenaViewProps {
  /** The player's client (a friend's, or the host window's): snapshots in, inputs out. */
  client: PlayerClient;
  /** Seconds from death to respawn when this view knows the config (the host); null: unknown. */
  respawnSeconds?: number | null;
  /** Names over avatars and the kill feed (useClientHud). */
  hud: ClientHud;
  /** Clicking an agent inspects it (the host, and friends who may edit behaviors). */
  inspectable?: boolean;
}

/**
 * The arena canvas drawn from a player client's decoded snapshots, with
 * controls. Its own avatar is drawn where prediction puts it; the map, tick
 * rate and avatar follow the host's resets.
 */
export function ArenaView({
  client,
  respawnSeconds = null,
  hud,
  inspectable = false,
}: ArenaViewProps) {
  const canvasHostRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<ArenaRenderer | null>(null);
  // The renderer once it draws: the inspector's wiring follows it without rebuilding it.
  const [renderer, setRenderer] = useState<ArenaRenderer | null>(null);
  const inspectableRef = useRef(inspectable);
  inspectableRef.current = inspectable;
  const [viewError, setViewError] = useState<string | null>(null);
  const [, setResets] = useState(0);
  useEffect(
    () =>
      client.onReset(() => {
        setResets((n) => n + 1);
        // A new match (or a join or leave) starts the world over: the old selection's id is
        // no longer the agent it named.
        if (inspectable) void inspectAgent(null);
      }),
    [client, inspectable],
  );
  const { map, tickRate } = client.play;
  const host = useArbiterStore((state) => state.client);

  useEffect(() => {
    if (!inspectable || !host) return;
    const stop = listenToInspections(host);
    // Escape unselects, unless it is typed into a field or the code editor.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || useInspectorStore.getState().agentId === null) return;
      const typing =
        'textarea, .monaco-editor, input[type="text"], input[type="number"], input:not([type])';
      if ((event.target as Element | null)?.closest?.(typing)) return;
      void inspectAgent(null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      stop();
      window.removeEventListener('keydown', onKeyDown);
      void inspectAgent(null);
    };
  }, [inspectable, host]);

  useEffect(() => {
    const canvasHost = canvasHostRef.current;
    if (!canvasHost) return;
    const stream = createWorldStream();
    const { prediction } = client;
    stream.ownPosition = () => (prediction.known ? { x: prediction.x, y: prediction.y } : null);
    let latest: DecodedSnapshot | null = null;
    const stop = client.onSnapshot((snapshot) => {
      latest = snapshot;
      testHook.frames++;
      testHook.tick = snapshot.tick;
      testHook.ownUnitId = client.play.unitId;
      stream.ownId = client.play.unitId;
      pushSnapshot(stream, snapshot, client.play.tickRate, performance.now());
      rendererRef.current?.pushed(snapshot, client.play.tickRate);
    });
    testHook.latestSnapshot = () => latest;
    // Says before the renderer is up are dropped: a bubble is a moment, not a record.
    const stopSays = client.onSay((says) => rendererRef.current?.addSays(says));
    const stopResets = client.onReset(() => rendererRef.current?.clearBubbles());
    let disposed = false;
    let inputTimer: ReturnType<typeof setInterval> | undefined;
    let disposeControls = () => {};
    createArenaRenderer(canvasHost, stream, {
      onFps: (rendererFps) => useArbiterStore.setState({ rendererFps }),
      onDrawn: (count) => (testHook.drawn = count),
    }).then(
      (renderer) => {
        if (disposed) {
          renderer.destroy();
          return;
        }
        rendererRef.current = renderer;
        setRenderer(renderer);
        testHook.arenaThread = renderer.thread;
        renderer.setMap(client.play.map);
        renderer.setNames((unitId) => nameOfRef.current(unitId));
        testHook.entities = () => renderer.drawnEntities();
        testHook.labels = () => renderer.drawnLabels();
        testHook.bubbles = () => renderer.drawnBubbles();
        testHook.agentsOnScreen = () =>
          renderer
            .drawnEntities()
            .filter((entity) => entity.kind === KIND_AGENT)
            .map(({ id, x, y, alive }) => {
              const at = renderer.toClient(x, y);
              return { id, x, y, alive, clientX: at.x, clientY: at.y };
            });
        testHook.agents = () =>
          renderer
            .drawnEntities()
            .filter((entity) => entity.kind <= 1 && entity.alive)
            .map(({ id, x, y }) => ({ id, x, y }));
        const controls = createControls(
          canvasHost,
          (x, y) => renderer.toWorld(x, y),
          // A click that selects an agent to inspect is not a shot.
          (x, y) => inspectableRef.current && renderer.pickAgent(x, y, PICK_PX) !== null,
        );
        disposeControls = () => controls.dispose();
        inputTimer = setInterval(() => {
          const ownUnitId = client.play.unitId;
          if (ownUnitId === null) return;
          const own = renderer.drawnEntities().find((entity) => entity.id === ownUnitId) ?? null;
          const input = controls.sample(own);
          client.sendInput(input.moveX, input.moveY, input.aim, input.buttons);
        }, 1000 / tickRate);
      },
      (error: unknown) => {
        if (!disposed) setViewError(describeError(error));
      },
    );
    return () => {
      disposed = true;
      stop();
      stopSays();
      stopResets();
      clearInterval(inputTimer);
      disposeControls();
      rendererRef.current?.destroy();
      rendererRef.current = null;
      setRenderer(null);
      testHook.drawn = 0;
      testHook.arenaThread = null;
      testHook.agents = () => [];
      testHook.entities = () => [];
      testHook.labels = () => [];
      testHook.bubbles = () => [];
      testHook.agentsOnScreen = () => [];
      testHook.latestSnapshot = () => null;
    };
    // Not on `inspectable`: building the arena again (seconds in a worker with software WebGL)
    // blanked it for a friend whose editor opened.
  }, [client, tickRate]);

  useEffect(() => {
    const canvasHost = canvasHostRef.current;
    if (!renderer || !inspectable || !canvasHost) return;
    return wireInspector(canvasHost, renderer);
  }, [renderer, inspectable]);

  useEffect(() => {
    rendererRef.current?.setMap(map);
  }, [map]);

  // Names over avatars: the renderer asks each frame, so a rename shows at once.
  const nameOfRef = useRef(hud.nameOf);
  nameOfRef.current = hud.nameOf;

  return (
    <>
      <div className="arena-canvas" ref={canvasHostRef} data-testid="arena" tabIndex={0} />
      <ArenaHud client={client} respawnSeconds={respawnSeconds} hud={hud} />
      {viewError && (
        <div className="arena-message" role="alert" data-testid="arena-error">
          <h2>The arena cannot be shown</h2>
          <p>{viewError}</p>
        </div>
      )}
    </>
  );
}

/**
 * A click on an agent selects it; the inspected agent's perception and line
 * of sight are drawn and the camera follows it when asked. Returns the undo.
 */
function wireInspector(canvasHost: HTMLElement, renderer: ArenaRenderer): () => void {
  const onClick = (event: MouseEvent) => {
    const picked = renderer.pickAgent(event.clientX, event.clientY, PICK_PX);
    if (picked !== null) void inspectAgent(picked);
  };
  canvasHost.addEventListener('click', onClick);
  const live = () =>
    renderer
      .drawnEntities()
      .filter((entity) => entity.kind === KIND_AGENT && entity.alive)
      .map((entity) => entity.id);
  useInspectorStore.setState({ listAgents: live });
  const apply = ({
    agentId,
    inspection,
    follow,
  }: ReturnType<typeof useInspectorStore.getState>) => {
    renderer.setInspect(
      agentId !== null && inspection?.agentId === agentId
        ? { agentId, perception: inspection.perception, visible: inspection.visible }
        : null,
    );
    renderer.setFollow(follow ? agentId : null);
  };
  apply(useInspectorStore.getState());
  const stop = useInspectorStore.subscribe(apply);
  return () => {
    canvasHost.removeEventListener('click', onClick);
    stop();
    useInspectorStore.setState({ listAgents: () => [] });
  };
}
