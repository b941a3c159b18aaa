import { useEffect, useRef, useState } from 'react';
import { describeError } from './describeError';
import { ErrorBanner } from './ErrorBanner';
import { GameControls } from './GameControls';
import { createArenaRenderer, type ArenaRenderer } from './game/arenaRenderer';
import { createWorldStream, pushWorldFrame } from './game/worldStream';
import { ScoreboardPanel } from './ScoreboardPanel';
import { StatsOverlay } from './StatsOverlay';
import { useArbiterStore } from './store';
import { testHook } from './testHook';

/** The running match: arena canvas, live stats and match controls. */
export function GameView() {
  const client = useArbiterStore((state) => state.client);
  const map = useArbiterStore((state) => state.match?.map ?? null);
  const running = useArbiterStore((state) => state.match?.running ?? false);
  const canvasHostRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<ArenaRenderer | null>(null);
  const [viewError, setViewError] = useState<string | null>(null);

  useEffect(() => {
    const canvasHost = canvasHostRef.current;
    if (!client || !canvasHost) return;
    const stream = createWorldStream();
    const offWorld = client.on('world', (frame) => {
      testHook.frames++;
      pushWorldFrame(stream, frame, performance.now());
    });
    client
      .request('subscribe', { topics: ['world', 'stats', 'scoreboard'] })
      .catch((error: unknown) => {
        useArbiterStore.setState({
          error: `Could not subscribe to the match: ${describeError(error)}`,
        });
      });

    let disposed = false;
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
        renderer.setMap(useArbiterStore.getState().match?.map ?? null);
        testHook.entities = () => renderer.drawnEntities();
        testHook.agents = () =>
          renderer
            .drawnEntities()
            .filter((entity) => entity.kind <= 1 && entity.alive)
            .map(({ id, x, y }) => ({ id, x, y }));
      },
      (error: unknown) => {
        if (!disposed) setViewError(describeError(error));
      },
    );

    return () => {
      disposed = true;
      offWorld();
      // Unsubscribing is a courtesy to the host; a closed connection has nothing left to stop.
      client.request('unsubscribe', { topics: ['world', 'stats', 'scoreboard'] }).catch(() => {});
      rendererRef.current?.destroy();
      rendererRef.current = null;
      testHook.drawn = 0;
      testHook.agents = () => [];
      testHook.entities = () => [];
      useArbiterStore.setState({ rendererFps: 0, stats: null, scoreboard: null });
    };
  }, [client]);

  useEffect(() => {
    rendererRef.current?.setMap(map);
  }, [map]);

  return (
    <div className="game-view">
      <GameControls />
      <ErrorBanner />
      <div className="arena">
        <div className="arena-canvas" ref={canvasHostRef} data-testid="arena" />
        <StatsOverlay />
        <ScoreboardPanel />
        {viewError && (
          <div className="arena-message" role="alert" data-testid="arena-error">
            <h2>The arena cannot be shown</h2>
            <p>{viewError}</p>
          </div>
        )}
        {!viewError && !running && (
          <div className="arena-message" data-testid="match-stopped">
            <p>No match is running.</p>
          </div>
        )}
      </div>
    </div>
  );
}
