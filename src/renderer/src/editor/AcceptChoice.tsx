import { useState } from 'react';
import { useArbiterStore } from '../store';
import { acceptProposal } from './editorActions';

// One empty list: a selector returning a new [] each render would re-render forever.
const NO_TEAMS: never[] = [];

/**
 * "Accept" asks where the answer runs before anything is saved: one team,
 * every team, or nowhere yet (saved only). A friend's page has no match
 * state and the host alone assigns: it saves only.
 */
export function AcceptChoice() {
  const teams = useArbiterStore((s) => s.match?.settings.config.teams ?? NO_TEAMS);
  const running = useArbiterStore((s) => s.match?.running ?? false);
  const [asking, setAsking] = useState(false);
  if (!running || teams.length === 0) {
    return (
      <button type="button" onClick={() => void acceptProposal([])} data-testid="llm-accept">
        Accept and save
      </button>
    );
  }
  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)} data-testid="llm-accept">
        Accept…
      </button>
    );
  }
  const all = teams.map((_, index) => index);
  return (
    <span
      className="accept-choice"
      role="group"
      aria-label="Where to run it"
      data-testid="accept-choice"
    >
      Run it on:
      {teams.map((team, index) => (
        <button key={team.name} type="button" onClick={() => void acceptProposal([index])}>
          {team.name}
        </button>
      ))}
      <button type="button" onClick={() => void acceptProposal(all)}>
        All teams
      </button>
      <button type="button" onClick={() => void acceptProposal([])}>
        Nowhere yet
      </button>
      <button type="button" className="link" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
