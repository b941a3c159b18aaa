import { lazy, Suspense, useCallback } from 'react';
import type { WorldFrame } from '../../shared/hostApi';
import { ArenaView } from './ArenaView';
import { BehaviorPanel } from './BehaviorPanel';
import { describeError } from './describeError';
import { ErrorBanner } from './ErrorBanner';
import { GameControls } from './GameControls';
import { sendHostInput } from './hostActions';
import { ScoreboardPanel } from './ScoreboardPanel';
import { StatsOverlay } from './StatsOverlay';
import { useEditorStore } from './editor/editorStore';
import { useArbiterStore } from './store';

/** Monaco is big: the editor loads the first time it opens. */
const EditorPanel = lazy(() => import('./editor/EditorPanel'));

const TOPICS = ['world', 'stats', 'scoreboard'] as const;

/** The host's view of the running match: arena, live stats, scoreboard and match controls. */
export function GameView() {
  const client = useArbiterStore((state) => state.client);
  const map = useArbiterStore((state) => state.match?.map ?? null);
  const running = useArbiterStore((state) => state.match?.running ?? false);
  const tickRate = useArbiterStore((state) => state.match?.settings.config.tickRate ?? 20);
  const ownUnitId = useArbiterStore((state) => state.ownUnitId);
  const editorOpen = useEditorStore((state) => state.open);

  const subscribe = useCallback(
    (push: (frame: WorldFrame) => void) => {
      if (!client) return () => {};
      const off = client.on('world', push);
      client.request('subscribe', { topics: [...TOPICS] }).catch((error: unknown) => {
        useArbiterStore.setState({
          error: `Could not subscribe to the match: ${describeError(error)}`,
        });
      });
      return () => {
        off();
        // Unsubscribing is a courtesy to the host; a closed connection has nothing left to stop.
        client.request('unsubscribe', { topics: [...TOPICS] }).catch(() => {});
        useArbiterStore.setState({ rendererFps: 0, stats: null, scoreboard: null });
      };
    },
    [client],
  );

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
              onInput={sendHostInput}
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
        {editorOpen && (
          <Suspense fallback={<aside className="editor-panel">Loading the editor…</aside>}>
            <EditorPanel />
          </Suspense>
        )}
      </div>
    </div>
  );
}
