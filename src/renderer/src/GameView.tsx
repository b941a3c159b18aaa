import { lazy, Suspense, useCallback, useRef } from 'react';
import { DEFAULT_AGENT_RADIUS } from '../../../engine/index';
import type { WorldFrame } from '../../shared/hostApi';
import { ArenaView } from './ArenaView';
import { BehaviorPanel } from './BehaviorPanel';
import { describeError } from './describeError';
import { ErrorBanner } from './ErrorBanner';
import { GameControls } from './GameControls';
import { openLocalView, type LocalView } from './net/localView';
import { snapshotToFrame } from './net/snapshotFrames';
import { ScoreboardPanel } from './ScoreboardPanel';
import { StatsOverlay } from './StatsOverlay';
import { useEditorStore } from './editor/editorStore';
import { HostDashboard } from './dashboard/HostDashboard';
import { useDashboardStore } from './dashboard/dashboardStore';
import { useArbiterStore } from './store';

/** Monaco is big: the editor loads the first time it opens. */
const EditorPanel = lazy(() => import('./editor/EditorPanel'));

const TOPICS = ['stats', 'scoreboard'] as const;

/** The host's view of the running match: arena, live stats, scoreboard and match controls. */
export function GameView() {
  const client = useArbiterStore((state) => state.client);
  const map = useArbiterStore((state) => state.match?.map ?? null);
  const running = useArbiterStore((state) => state.match?.running ?? false);
  const tickRate = useArbiterStore((state) => state.match?.settings.config.tickRate ?? 20);
  const ownUnitId = useArbiterStore((state) => state.ownUnitId);
  const editorOpen = useEditorStore((state) => state.open);
  const dashboardOpen = useDashboardStore((state) => state.open);

  // The match arrives as a friend's would: snapshots, interpolation, own avatar predicted.
  const view = useRef<LocalView | null>(null);
  const subscribe = useCallback(
    (push: (frame: WorldFrame) => void) => {
      if (!client) return () => {};
      const local = (view.current = openLocalView(client, tickRate));
      const off = local.onSnapshot((snapshot) =>
        push(snapshotToFrame(snapshot, tickRate, DEFAULT_AGENT_RADIUS)),
      );
      client.request('subscribe', { topics: [...TOPICS] }).catch((error: unknown) => {
        useArbiterStore.setState({
          error: `Could not subscribe to the match: ${describeError(error)}`,
        });
      });
      return () => {
        off();
        local.close();
        view.current = null;
        // Unsubscribing is a courtesy to the host; a closed connection has nothing left to stop.
        client.request('unsubscribe', { topics: [...TOPICS] }).catch(() => {});
        useArbiterStore.setState({ rendererFps: 0, stats: null, scoreboard: null });
      };
    },
    [client, tickRate],
  );
  const ownPosition = useCallback(() => {
    const prediction = view.current?.prediction;
    return prediction?.known ? { x: prediction.x, y: prediction.y } : null;
  }, []);

  return (
    <div className="game-view">
      <GameControls />
      <ErrorBanner />
      <div className="game-main">
        <div className="arena">
          {client && (
            <ArenaView
              subscribe={subscribe}
              map={map}
              ownUnitId={ownUnitId}
              ownPosition={ownPosition}
              onInput={(input) =>
                view.current?.sendInput(input.moveX, input.moveY, input.aim, input.buttons)
              }
              tickRate={tickRate}
            />
          )}
          <StatsOverlay />
          <ScoreboardPanel />
          <BehaviorPanel />
          {!running && (
            <div className="arena-message" data-testid="match-stopped">
              <p>No match is running.</p>
            </div>
          )}
        </div>
        {dashboardOpen && <HostDashboard />}
        {editorOpen && (
          <Suspense fallback={<aside className="editor-panel">Loading the editor…</aside>}>
            <EditorPanel />
          </Suspense>
        )}
      </div>
    </div>
  );
}
