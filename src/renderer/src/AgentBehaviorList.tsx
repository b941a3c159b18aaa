import { useState } from 'react';
import { BehaviorErrorLine } from './BehaviorErrorLine';
import type { BehaviorSummaryData, BehaviorsEvent } from '../../shared/hostApi';

interface Props {
  live: BehaviorsEvent;
  library: BehaviorSummaryData[];
  teamNames: string[];
  running: boolean;
  /** Assigns behavior `value` (a library id; '' = back to the team's) to agent `agentId`. */
  onAssign: (agentId: number, value: string) => void;
}

/**
 * Every agent of the match with the behavior it runs (its own or its
 * team's, name and version) and the last error it met there; a select
 * per agent changes its behavior during the match. The rows exist only
 * while the list is open: a thousand rows with a select each, rebuilt at
 * every behaviors event, took the page's main thread for tens of ms.
 */
export function AgentBehaviorList({ live, library, teamNames, running, onAssign }: Props) {
  const [open, setOpen] = useState(false);
  const loaded = new Map(live.behaviors.map((b) => [b.id, b]));
  return (
    <details
      className="behavior-agents"
      data-testid="behavior-agents"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>Agents ({live.agents.length})</summary>
      {open &&
        live.agents.map((agent) => {
          const shown = agent.behavior === null ? null : loaded.get(agent.behavior);
          const label =
            agent.behavior === null
              ? 'Built-in AI'
              : shown
                ? `${shown.name} v${shown.version}`
                : agent.behavior;
          return (
            <div
              key={agent.id}
              className="behavior-agent"
              data-testid={`agent-row-${agent.id}`}
              data-behavior={agent.behavior ?? ''}
            >
              <span>
                #{agent.id} {teamNames[agent.team] ?? `Team ${agent.team}`}:{' '}
              </span>
              <span data-testid={`agent-behavior-name-${agent.id}`}>{label}</span>
              {agent.assignedTo === 'team' && <span className="muted"> (team)</span>}{' '}
              <select
                aria-label={`Behavior of agent ${agent.id}`}
                data-testid={`agent-behavior-${agent.id}`}
                disabled={!running}
                value={agent.assignedTo === 'agent' ? (agent.behavior ?? '') : ''}
                onChange={(e) => onAssign(agent.id, e.target.value)}
              >
                <option value="">Team&apos;s</option>
                {library.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
              {agent.lastError && (
                <BehaviorErrorLine error={agent.lastError} testId={`agent-error-${agent.id}`} />
              )}
            </div>
          );
        })}
    </details>
  );
}
