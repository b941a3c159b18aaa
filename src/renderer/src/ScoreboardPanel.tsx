import type { ScoreboardData } from '../../shared/hostApi';
import { teamColor } from './game/teamColors';

const clock = (seconds: number | null) =>
  seconds === null
    ? '∞'
    : `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

/**
 * Per-team kills, deaths and damage, the match clock and, at the end, the
 * winner: the same panel for the host and for friends (useClientHud feeds both).
 */
export function ScoreboardPanel({ scoreboard }: { scoreboard: ScoreboardData | null }) {
  if (!scoreboard) return null;
  const winner =
    scoreboard.winner === null ? null : scoreboard.teams.find((t) => t.team === scoreboard.winner);
  return (
    <div className="scoreboard" data-testid="scoreboard">
      <div className="scoreboard-clock" data-testid="scoreboard-clock">
        {scoreboard.phase === 'ended'
          ? winner
            ? `${winner.name} won`
            : 'Draw'
          : `Time left ${clock(scoreboard.secondsLeft)}`}
      </div>
      <table>
        <thead>
          <tr>
            <th>Team</th>
            <th title="kills">K</th>
            <th title="deaths">D</th>
            <th title="damage dealt">Dmg</th>
          </tr>
        </thead>
        <tbody>
          {scoreboard.teams.map((team) => (
            <tr key={team.team} data-testid={`score-team-${team.team}`}>
              <td>
                <span
                  className="team-dot"
                  style={{ background: `#${teamColor(team.team).toString(16).padStart(6, '0')}` }}
                />
                {team.name}
              </td>
              <td data-testid="kills">{team.kills}</td>
              <td data-testid="deaths">{team.deaths}</td>
              <td>{Math.round(team.damage)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
