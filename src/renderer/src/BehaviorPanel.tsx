import { useCallback, useEffect, useState } from 'react';
import type { BehaviorSummaryData, BehaviorsEvent } from '../../shared/hostApi';
import { AgentBehaviorList } from './AgentBehaviorList';
import { BehaviorErrorLine } from './BehaviorErrorLine';
import { OverlayToggle } from './arena/OverlayToggle';
import { useOverlayCollapse } from './arena/overlayCollapse';
import { describeError } from './describeError';
import { useArbiterStore } from './store';
import { useEditorStore } from './editor/editorStore';
import { testHook } from './testHook';

/**
 * Behaviors beside the scoreboard: which one each team runs (the built-in
 * AI by default), each running behavior's agents and last error, each
 * agent's behavior and last error (AgentBehaviorList). Writing one is the
 * editor's job: the panel's button opens it.
 */
export function BehaviorPanel() {
  const client = useArbiterStore((state) => state.client);
  const teams = useArbiterStore((state) => state.match?.settings.config.teams ?? []);
  const running = useArbiterStore((state) => state.match?.running ?? false);
  const [library, setLibrary] = useState<BehaviorSummaryData[]>([]);
  const [live, setLive] = useState<BehaviorsEvent | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { ref, collapsed, toggle } = useOverlayCollapse<HTMLDivElement>('behaviors');
  // The editor saved, renamed or deleted one: list the library again so the dropdowns show it.
  const edited = useEditorStore((state) => state.library);

  const refresh = useCallback(async () => {
    if (!client) return;
    try {
      setLibrary((await client.request('behavior.list', {})).behaviors);
    } catch (error) {
      setProblem(`Could not list behaviors: ${describeError(error)}`);
    }
  }, [client]);

  const show = useCallback((event: BehaviorsEvent) => {
    testHook.behaviors = event;
    setLive(event);
  }, []);

  useEffect(() => {
    if (!client) return;
    const off = client.on('behaviors', show);
    client.request('subscribe', { topics: ['behaviors'] }).catch(() => {});
    void refresh();
    return () => {
      off();
      client.request('unsubscribe', { topics: ['behaviors'] }).catch(() => {});
    };
  }, [client, refresh, show]);

  useEffect(() => {
    void refresh();
  }, [edited, refresh]);

  // A team runs a behavior this list has not heard of (saved by a friend's editor or through
  // the host API since): list the library again, or the team's dropdown would read "Built-in AI".
  const unknownRunning =
    live !== null && Object.values(live.teams).some((id) => !library.some((b) => b.id === id));
  useEffect(() => {
    if (unknownRunning) void refresh();
  }, [unknownRunning, refresh]);

  const assign = async (target: { team: number } | { agentId: number }, value: string) => {
    if (!client) return;
    try {
      show(await client.request('behavior.assign', { ...target, name: value || null }));
      setProblem(null);
    } catch (error) {
      setProblem(`Could not assign the behavior: ${describeError(error)}`);
    }
  };

  return (
    // A dropdown that takes focus lists the library as it is now: a friend's editor or
    // another window may have saved one since.
    <div
      className={collapsed ? 'behavior-panel folded' : 'behavior-panel'}
      ref={ref}
      data-testid="behavior-panel"
      onFocusCapture={(event) => {
        if (event.target instanceof HTMLSelectElement) void refresh();
      }}
    >
      <OverlayToggle
        title="Behaviors"
        collapsed={collapsed}
        onToggle={toggle}
        testId="behavior-toggle"
      />
      <div className="behavior-body" hidden={collapsed}>
        {teams.map((team, index) => (
          <label key={index} className="behavior-team">
            {team.name}{' '}
            <select
              data-testid={`behavior-team-${index}`}
              disabled={!running}
              value={live?.teams[String(index)] ?? ''}
              onChange={(e) => void assign({ team: index }, e.target.value)}
            >
              <option value="">Built-in AI</option>
              {library.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
        ))}
        {live?.behaviors.map((b) => (
          <div key={b.id} className="behavior-status" data-testid={`behavior-status-${b.id}`}>
            {b.name} v{b.version}: {b.agents} agents{b.suspended ? ' (suspended)' : ''}
            {b.lastError && (
              <BehaviorErrorLine error={b.lastError} testId={`behavior-error-${b.id}`} />
            )}
          </div>
        ))}
        {live && live.agents.length > 0 && (
          <AgentBehaviorList
            live={live}
            library={library}
            teamNames={teams.map((team) => team.name)}
            running={running}
            onAssign={(agentId, value) => void assign({ agentId }, value)}
          />
        )}
        {problem && (
          <div className="behavior-error" data-testid="behavior-problem">
            {problem}
          </div>
        )}
        {/* Behaviors are written in the editor; this panel only says who runs what. */}
        <button
          type="button"
          className="behavior-write"
          data-testid="behavior-write"
          onClick={() => useEditorStore.setState({ open: true })}
        >
          Write a behavior…
        </button>
      </div>
    </div>
  );
}
