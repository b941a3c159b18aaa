import { lazy, Suspense, useEffect, useState } from 'react';
import { ArenaView } from './ArenaView';
import { BehaviorPanel } from './BehaviorPanel';
import { describeError } from './describeError';
import { ErrorBanner } from './ErrorBanner';
import { GameControls } from './GameControls';
import { connectHostWindow } from './net/hostWindow';
import type { PlayerClient } from './net/playerClient';
import { ScoreboardPanel } from './ScoreboardPanel';
import { EndScreen } from './arena/EndScreen';
import { rematch } from './arena/rematch';
import { SplitPane } from './arena/SplitPane';
import { useClientHud } from './arena/useClientHud';
import { StatsOverlay } from './StatsOverlay';
import { useEditorStore } from './editor/editorStore';
import { HostDashboard } from './dashboard/HostDashboard';
import { useDashboardStore } from './dashboard/dashboardStore';
import { useArbiterStore } from './store';
import { InspectorPanel } from './inspector/InspectorPanel';
import { useInspectorStore } from './inspector/inspectorStore';

/** Monaco is big: the editor loads the first time it opens. */
const EditorPanel = lazy(() => import('./editor/EditorPanel'));

const TOPICS = ['stats', 'scoreboard'] as const;

/** The host's view of the running match: arena, live stats, scoreboard and match controls. */
export function GameView() {
  const client = useArbiterStore((state) => state.client);
  const running = useArbiterStore((state) => state.match?.running ?? false);
  const editorOpen = useEditorStore((state) => state.open);
  const respawnSeconds = useArbiterStore(
    (state) => state.match?.settings.config.respawnSeconds ?? null,
  );
  // The match arrives as a friend's would: the same client, over the window's local link.
  const [player, setPlayer] = useState<PlayerClient | null>(null);
  // Names and scores as friends get them (players, score): one HUD for every player.
  const hud = useClientHud(player);
  const dashboardOpen = useDashboardStore((state) => state.open);
  const inspecting = useInspectorStore((state) => state.agentId !== null || state.error !== null);

  useEffect(() => {
    if (!client) return;
    let closed = false;
    let opened: PlayerClient | null = null;
    connectHostWindow(client).then(
      (connected) => {
        if (closed) return connected.close();
        opened = connected;
        setPlayer(connected);
      },
      (error: unknown) => {
        if (!closed)
          useArbiterStore.setState({ error: `Could not show the match: ${describeError(error)}` });
      },
    );
    client.request('subscribe', { topics: [...TOPICS] }).catch((error: unknown) => {
      useArbiterStore.setState({
        error: `Could not subscribe to the match: ${describeError(error)}`,
      });
    });
    return () => {
      closed = true;
      opened?.close();
      setPlayer(null);
      // Unsubscribing is a courtesy to the host; a closed connection has nothing left to stop.
      client.request('unsubscribe', { topics: [...TOPICS] }).catch(() => {});
      useArbiterStore.setState({ rendererFps: 0, stats: null, scoreboard: null });
    };
  }, [client]);

  return (
    <div className="game-view">
      <GameControls />
      <ErrorBanner />
      <SplitPane
        arena={
          <>
            {player && (
              <ArenaView client={player} respawnSeconds={respawnSeconds} hud={hud} inspectable />
            )}
            <StatsOverlay />
            <ScoreboardPanel scoreboard={hud.board} />
            <BehaviorPanel />
            {hud.board && (
              <EndScreen
                scoreboard={hud.board}
                onRematch={rematch}
                nameOf={(id) => (id === player?.play.unitId ? 'You' : hud.nameOf(id))}
              />
            )}
            {!running && (
              <div className="arena-message" data-testid="match-stopped">
                <p>No match is running.</p>
              </div>
            )}
          </>
        }
        side={
          editorOpen || dashboardOpen || inspecting ? (
            <div className="side-stack">
              <InspectorPanel />
              {dashboardOpen && <HostDashboard />}
              {editorOpen && (
                <Suspense fallback={<aside className="editor-panel">Loading the editor…</aside>}>
                  <EditorPanel />
                </Suspense>
              )}
            </div>
          ) : null
        }
      />
    </div>
  );
}
