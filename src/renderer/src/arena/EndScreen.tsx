import { useState } from 'react';
import type { ScoreboardData } from '../../../shared/hostApi';
import { teamCss } from '../game/teamColors';

export interface EndScreenProps {
  scoreboard: ScoreboardData;
  /** Starts the same match again (host only); absent: a friend's screen, who waits for the host. */
  onRematch?: () => Promise<void>;
  /** A unit's display name, when known. */
  nameOf?: (unitId: number) => string | null;
}

/**
 * Over the arena once the match has ended: who won, the teams' scores,
 * each player's line (and the best agents), and Rematch for the host
 * (a friend reads "Waiting for the host" there).
 * "Show the arena" hides it until the next match ends.
 */
export function EndScreen({ scoreboard, onRematch, nameOf }: EndScreenProps) {
  const [hiddenAt, setHiddenAt] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  if (scoreboard.phase !== 'ended' || hiddenAt === scoreboard.tick) return null;
  const winner = scoreboard.teams.find((team) => team.team === scoreboard.winner);
  const teamName = (team: number) =>
    scoreboard.teams.find((line) => line.team === team)?.name ?? `Team ${team}`;
  const players = scoreboard.entities.filter((entity) => entity.kind === 'avatar');
  const agents = scoreboard.entities
    // Only agents that did something: a row of zeros is no one's best.
    .filter((entity) => entity.kind === 'agent' && (entity.kills > 0 || entity.damage > 0))
    .sort((a, b) => b.kills - a.kills || b.damage - a.damage)
    .slice(0, 5);
  const rows = [
    ...players.map((line) => ({ line, name: nameOf?.(line.id) ?? `Player ${line.id}` })),
    ...agents.map((line) => ({ line, name: `Agent #${line.id}` })),
  ];
  return (
    <div className="end-screen" role="dialog" aria-label="Match over" data-testid="end-screen">
      <h2>{winner ? `${winner.name} won` : 'Draw'}</h2>
      <table className="end-teams">
        <thead>
          <tr>
            <th>Team</th>
            <th>Kills</th>
            <th>Deaths</th>
            <th>Damage</th>
          </tr>
        </thead>
        <tbody>
          {scoreboard.teams.map((team) => (
            <tr key={team.team} data-testid={`end-team-${team.team}`}>
              <td>
                <span className="team-dot" style={{ background: teamCss(team.team) }} />
                {team.name}
              </td>
              <td>{team.kills}</td>
              <td>{team.deaths}</td>
              <td>{Math.round(team.damage)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Players{agents.length > 0 ? ' and best agents' : ''}</h3>
      {rows.length === 0 ? (
        <p>No one scored.</p>
      ) : (
        <table className="end-players" data-testid="end-players">
          <thead>
            <tr>
              <th>Name</th>
              <th>Team</th>
              <th>Kills</th>
              <th>Deaths</th>
              <th>Damage</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ line, name }) => (
              <tr key={line.id}>
                <td>{name}</td>
                <td style={{ color: teamCss(line.team) }}>{teamName(line.team)}</td>
                <td>{line.kills}</td>
                <td>{line.deaths}</td>
                <td>{Math.round(line.damage)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="end-actions">
        {!onRematch && (
          <span className="end-waiting" data-testid="end-waiting">
            Waiting for the host
          </span>
        )}
        {onRematch && (
          <button
            type="button"
            className="primary"
            data-testid="rematch"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void onRematch().finally(() => setBusy(false));
            }}
          >
            Rematch
          </button>
        )}
        <button type="button" onClick={() => setHiddenAt(scoreboard.tick)}>
          Show the arena
        </button>
      </div>
    </div>
  );
}
