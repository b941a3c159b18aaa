import { useEffect, useRef, useState } from 'react';
import type { DecodedSnapshot } from '../../../engine/index';
import { ArenaHud } from './arena/ArenaHud';
import type { ClientHud } from './arena/useClientHud';
import { describeError } from './describeError';
import { createArenaRenderer, type ArenaRenderer } from './game/arenaRenderer';
import { createWorldStream, pushSnapshot } from './game/worldStream';
import { createControls } from './input/controls';
import type { PlayerClient } from './net/playerClient';
import { useArbiterStore } from './store';
import { testHook } from './testHook';

export interface ArenaViewProps {
  /** The player's client (a friend's, or the host window's): snapshots in, inputs out. */
  client: PlayerClient;
  /** Seconds from death to respawn when this view knows the config (the host); null: unknown. */
  respawnSeconds?: number | null;
  /** Names over avatars and the kill feed (useClientHud). */
  hud: ClientHud;
}

/**
 * The arena canvas drawn from a player client's decoded snapshots, with
 * controls. Its own avatar is drawn where prediction puts it; the map, tick
 * rate and avatar follow the host's resets.
 */
export function ArenaView({ client, respawnSeconds = null, hud }: ArenaViewProps) {
  const canvasHostRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<ArenaRenderer | null>(null);
  const [viewError, setViewError] = useState<string | null>(null);
  const [, setResets] = useState(0);
  useEffect(() => client.onReset(() => setResets((n) => n + 1)), [client]);
  const { map, tickRate } = client.play;

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
    });
    testHook.latestSnapshot = () => latest;
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
        renderer.setMap(client.play.map);
        renderer.setNames((unitId) => nameOfRef.current(unitId));
        testHook.entities = () => renderer.drawnEntities();
        testHook.labels = () => renderer.drawnLabels();
        testHook.agents = () =>
          renderer
            .drawnEntities()
            .filter((entity) => entity.kind <= 1 && entity.alive)
            .map(({ id, x, y }) => ({ id, x, y }));
        const controls = createControls(canvasHost, (x, y) => renderer.toWorld(x, y));
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
      clearInterval(inputTimer);
      disposeControls();
      rendererRef.current?.destroy();
      rendererRef.current = null;
      testHook.drawn = 0;
      testHook.agents = () => [];
      testHook.entities = () => [];
      testHook.labels = () => [];
      testHook.latestSnapshot = () => null;
    };
  }, [client, tickRate]);

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
