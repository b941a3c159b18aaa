import { useEffect, useRef, useState } from 'react';
import type { MapDef, WorldFrame } from '../../shared/hostApi';
import { describeError } from './describeError';
import { createArenaRenderer, type ArenaRenderer } from './game/arenaRenderer';
import { createWorldStream, pushWorldFrame } from './game/worldStream';
import { createControls, type InputSample } from './input/controls';
import { useArbiterStore } from './store';
import { testHook } from './testHook';

export interface ArenaViewProps {
  /** Starts delivering world frames; returns the function that stops it. */
  subscribe(push: (frame: WorldFrame) => void): () => void;
  map: MapDef | null;
  /** The viewer's avatar, once they play; null for a spectator. */
  ownUnitId: number | null;
  /** Where prediction puts the own avatar (friends); absent: drawn as the host sends it. */
  ownPosition?: () => { x: number; y: number } | null;
  /** Called once per tick (tickRate Hz) with keyboard and mouse input while the viewer plays. */
  onInput?: (input: InputSample) => void;
  tickRate: number;
}

/** The arena canvas fed by any world source (the host API or a friend's snapshots), with controls. */
export function ArenaView(props: ArenaViewProps) {
  const canvasHostRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<ArenaRenderer | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const [viewError, setViewError] = useState<string | null>(null);

  useEffect(() => {
    const canvasHost = canvasHostRef.current;
    if (!canvasHost) return;
    const stream = createWorldStream();
    stream.ownPosition = () => latest.current.ownPosition?.() ?? null;
    const stop = props.subscribe((frame) => {
      testHook.frames++;
      testHook.tick = frame.tick;
      testHook.lastFrame = frame;
      testHook.ownUnitId = latest.current.ownUnitId;
      stream.ownId = latest.current.ownUnitId;
      pushWorldFrame(stream, frame, performance.now());
    });
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
        renderer.setMap(latest.current.map);
        testHook.entities = () => renderer.drawnEntities();
        testHook.agents = () =>
          renderer
            .drawnEntities()
            .filter((entity) => entity.kind <= 1 && entity.alive)
            .map(({ id, x, y }) => ({ id, x, y }));
        const controls = createControls(canvasHost, (x, y) => renderer.toWorld(x, y));
        disposeControls = () => controls.dispose();
        inputTimer = setInterval(() => {
          const { onInput, ownUnitId } = latest.current;
          if (!onInput || ownUnitId === null) return;
          const own = renderer.drawnEntities().find((entity) => entity.id === ownUnitId) ?? null;
          onInput(controls.sample(own));
        }, 1000 / props.tickRate);
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
    };
    // The source and rate are fixed for the view's life; the rest is read through `latest`.
  }, [props.subscribe, props.tickRate]);

  useEffect(() => {
    rendererRef.current?.setMap(props.map);
  }, [props.map]);

  return (
    <>
      <div className="arena-canvas" ref={canvasHostRef} data-testid="arena" tabIndex={0} />
      {viewError && (
        <div className="arena-message" role="alert" data-testid="arena-error">
          <h2>The arena cannot be shown</h2>
          <p>{viewError}</p>
        </div>
      )}
    </>
  );
}
