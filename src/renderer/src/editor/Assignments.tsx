import type { BehaviorsEvent } from '../../../shared/hostApi';
import { runOnTeams } from './editorActions';
import { useArbiterStore } from '../store';
import { useEditorStore } from './editorStore';

// One empty list: a selector that returned a new [] each time would re-render forever (a
// friend's page has no match state; React error #185).
const NO_TEAMS: never[] = [];

/**
 * Which teams and how many agents run which behavior in the live match,
 * and a one-click "run this on team N" for the behavior being edited.
 */
export function Assignments() {
  const teams = useArbiterStore((s) => s.match?.settings.config.teams ?? NO_TEAMS);
  const running = useArbiterStore((s) => s.match?.running ?? false);
  // A friend's page has no match state: the host alone assigns, so say that rather than
  // "No match is running" beside a match the friend is playing in.
  const hostView = useArbiterStore((s) => s.match !== null);
  const selectedId = useEditorStore((s) => s.selectedId);
  const live = useEditorStore((s) => s.live);

  const assign = (team: number) => void runOnTeams([team]);

  if (!hostView) {
    return (
      <p className="muted" data-testid="assignments-host-only">
        The host chooses which behavior each team runs.
      </p>
    );
  }
  if (!running) return <p className="muted">No match is running.</p>;
  return (
    <table className="assignments" data-testid="assignments">
      <tbody>
        {teams.map((team, index) => {
          const id = live?.teams[String(index)];
          const b = live?.behaviors.find((x) => x.id === id);
          // This team's agents that run it (b.agents counts every team's).
          const agents = live?.agents.filter((a) => a.team === index && a.behavior === id).length;
          return (
            <tr key={team.name} data-testid={`assignment-team-${index}`}>
              <th>{team.name}</th>
              <td>
                {b
                  ? `${b.name} v${b.version} · ${agents} agents · ${behaviorState(b)}`
                  : 'built-in AI'}
              </td>
              <td>
                <button
                  type="button"
                  disabled={!selectedId || id === selectedId}
                  onClick={() => assign(index)}
                >
                  Run this here
                </button>
              </td>
            </tr>
          );
        })}
        {live?.behaviors
          .filter((b) => !Object.values(live.teams).includes(b.id) && b.agents > 0)
          .map((b) => (
            <tr key={b.id}>
              <th>agents</th>
              <td colSpan={2}>
                {b.name} v{b.version} · {b.agents} agents · {behaviorState(b)}
              </td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

/** "running", "running, with errors since tick 120" or "suspended" (the error says why). */
export function behaviorState(b: BehaviorsEvent['behaviors'][number]): string {
  if (b.suspended) return 'suspended after failing';
  if (b.runErrors) return `running, with errors since tick ${b.runErrors.sinceTick}`;
  return 'running';
}
