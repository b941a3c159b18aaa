/**
 * The agent inspector: the selected agent's behavior and version, the tick
 * inspected, its last error (with its line), the action applied, its memory
 * and its observation as the behavior received it, as a tree. ← → (or the
 * list) cycle agents, Follow keeps the camera on it, Escape unselects.
 */
import type { KeyboardEvent } from 'react';
import type { InspectedAction } from '../../../shared/hostApi';
import { ObservationTree } from './ObservationTree';
import { cycleAgent, inspectAgent, useInspectorStore } from './inspectorStore';
import './inspector.css';

function describeAction(action: InspectedAction): string {
  const parts: string[] = [];
  const { move, aim } = action;
  if (move.x !== 0 || move.y !== 0) parts.push(`move (${move.x.toFixed(2)}, ${move.y.toFixed(2)})`);
  if (aim.x !== 0 || aim.y !== 0)
    parts.push(`aim ${((Math.atan2(aim.y, aim.x) * 180) / Math.PI).toFixed(0)}°`);
  if (action.fire) parts.push('fire');
  if (action.pickup) parts.push('pick up');
  if (action.item) parts.push(`${action.item.action} ${action.item.slot}`);
  return parts.length ? parts.join(', ') : 'stand still';
}

export function InspectorPanel() {
  const agentId = useInspectorStore((s) => s.agentId);
  const inspection = useInspectorStore((s) => s.inspection);
  const follow = useInspectorStore((s) => s.follow);
  const error = useInspectorStore((s) => s.error);
  const listAgents = useInspectorStore((s) => s.listAgents);
  if (agentId === null && !error) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if ((event.target as Element).closest('select, input')) return;
    const step = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 }[event.key];
    if (step !== undefined) {
      // Inside the panel the arrows cycle agents; they must not also walk the avatar.
      event.preventDefault();
      event.stopPropagation();
      cycleAgent(step as 1 | -1);
    }
  };
  const behavior = inspection?.behavior ?? null;
  const ids = listAgents().sort((a, b) => a - b);
  if (agentId !== null && !ids.includes(agentId)) ids.unshift(agentId);

  return (
    <aside
      className="inspector-panel"
      data-testid="inspector-panel"
      aria-label="Agent inspector"
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <header className="inspector-head">
        <h2>Inspector</h2>
        <button type="button" aria-label="Previous agent" onClick={() => cycleAgent(-1)}>
          ‹
        </button>
        <select
          aria-label="Agent"
          data-testid="inspector-agents"
          value={agentId ?? ''}
          onChange={(e) => void inspectAgent(Number(e.target.value))}
        >
          {ids.map((id) => (
            <option key={id} value={id}>
              Agent {id}
            </option>
          ))}
        </select>
        <button
          type="button"
          aria-label="Next agent"
          data-testid="inspector-next"
          onClick={() => cycleAgent(1)}
        >
          ›
        </button>
        <label className="inspector-follow">
          <input
            type="checkbox"
            data-testid="inspector-follow"
            checked={follow}
            onChange={(e) => useInspectorStore.setState({ follow: e.target.checked })}
          />
          Follow
        </label>
        <button
          type="button"
          aria-label="Close the inspector (Escape)"
          title="Close (Escape)"
          data-testid="inspector-close"
          onClick={() =>
            agentId === null ? useInspectorStore.setState({ error: null }) : void inspectAgent(null)
          }
        >
          ×
        </button>
      </header>
      {error && (
        <p className="inspector-error" role="alert">
          {error}
        </p>
      )}
      {agentId !== null && !inspection && <p className="muted">Waiting for the host…</p>}
      {inspection && (
        <div className="inspector-body">
          <p className="inspector-summary">
            <span data-testid="inspector-behavior">
              {behavior ? (
                <>
                  <strong title={behavior.id}>{behavior.name}</strong> v{behavior.version}{' '}
                  <span className="muted">by {behavior.author}</span>
                  {behavior.suspended && <strong className="inspector-bad"> suspended</strong>}
                </>
              ) : (
                <strong>Built-in AI</strong>
              )}
            </span>
            {' · '}
            <span data-testid="inspector-tick" data-tick={inspection.tick}>
              tick {inspection.tick}
              {inspection.paused ? ' (paused)' : ''}
            </span>
            {' · '}team {inspection.team}
            {!inspection.alive && <strong className="inspector-bad"> · dead</strong>}
          </p>
          <section>
            <h3>Last error</h3>
            {inspection.lastError ? (
              <p className="inspector-bad" data-testid="inspector-error">
                {inspection.lastError.name}: {inspection.lastError.message}
                {inspection.lastError.line !== null &&
                  ` (line ${inspection.lastError.line}${
                    inspection.lastError.column !== null ? `:${inspection.lastError.column}` : ''
                  })`}
              </p>
            ) : (
              <p className="muted" data-testid="inspector-error">
                {inspection.withheld ?? 'none'}
              </p>
            )}
          </section>
          <section>
            <h3>Last action</h3>
            <p data-testid="inspector-action">
              {inspection.lastAction ? describeAction(inspection.lastAction) : 'none yet'}
              {inspection.lastAction?.source === 'built-in' && (
                <span className="muted"> (built-in AI: movement and aim)</span>
              )}
            </p>
          </section>
          <section data-testid="inspector-memory">
            <h3>Memory</h3>
            {inspection.memory !== null ? (
              inspection.memoryTruncated ? (
                // Cut JSON does not parse: shown as text.
                <>
                  <pre className="inspector-raw">{inspection.memory}</pre>
                  <p className="muted">cut at 16 KB</p>
                </>
              ) : (
                <ObservationTree name="memory" value={JSON.parse(inspection.memory)} />
              )
            ) : (
              <p className="muted">
                {inspection.withheld ?? (behavior ? 'empty' : 'the built-in AI keeps none')}
              </p>
            )}
          </section>
          <section data-testid="inspector-observation">
            <h3>Observation</h3>
            <ObservationTree name="obs" value={inspection.observation} openDepth={2} />
          </section>
        </div>
      )}
    </aside>
  );
}
