import type { PlayerRow } from '../../../shared/hostApi';
import { useArbiterStore } from '../store';
import { showToast } from '../Toast';
import { ConfirmButton } from './ConfirmButton';
import { banPlayer, kickPlayer, type DashboardData } from './dashboardActions';

const TRANSPORT_WORDS: Record<PlayerRow['transport'], string> = {
  local: 'this window',
  webrtc: 'WebRTC',
  websocket: 'WebSocket',
  reconnecting: 'reconnecting…',
};

/** Players in the match with their link's figures, kick and ban; banned players with unban. */
export function PlayersTable(props: { data: DashboardData; onChanged(): void }) {
  const teams = useArbiterStore((state) => state.match?.settings.config.teams ?? []);
  const { players, banned } = props.data;
  const act = async (run: () => Promise<string | null>) => {
    const words = await run();
    if (words) showToast(words);
    props.onChanged();
  };
  return (
    <section className="dashboard-section" data-testid="players">
      <h3>Players</h3>
      {players.length === 0 ? (
        <p className="muted">No one has joined yet. Invite a friend from the bar above.</p>
      ) : (
        <div className="table-scroll">
          <table className="dashboard-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Team</th>
                <th>Link</th>
                <th title="Round-trip time">RTT</th>
                <th>Loss</th>
                <th title="Bytes per second from them / to them">In / out</th>
                <th className="col-joined">Joined</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {players.map((player) => (
                <tr key={player.playerId} data-testid={`player-row-${player.playerId}`}>
                  <td title={`joined at ${shortTime(player.joinedAt)}`}>{player.name}</td>
                  <td>{teams[player.team]?.name ?? player.team + 1}</td>
                  <td>{TRANSPORT_WORDS[player.transport]}</td>
                  <td>{player.rttMs === null ? '—' : `${player.rttMs} ms`}</td>
                  <td
                    title={
                      player.lossPercent === null
                        ? 'no input from them yet'
                        : 'their input packets lost on the way, recently'
                    }
                  >
                    {player.lossPercent === null ? '—' : `${player.lossPercent}%`}
                  </td>
                  <td className="in-out">
                    <span>{bandwidth(player.bytesInPerSecond)}</span>
                    <span className="in-out-slash"> / </span>
                    <span>{bandwidth(player.bytesOutPerSecond)}</span>
                  </td>
                  <td className="col-joined">{shortTime(player.joinedAt)}</td>
                  <td className="row-actions">
                    {player.role === 'host' ? (
                      <span className="muted">you</span>
                    ) : (
                      <>
                        <ConfirmButton
                          label="Kick"
                          question={`Kick ${player.name}?`}
                          confirmLabel="Kick"
                          testId={`kick-${player.playerId}`}
                          onConfirm={() => void act(() => kickPlayer(player))}
                        />
                        <ConfirmButton
                          label="Ban"
                          question={`Ban ${player.name} from this host?`}
                          confirmLabel="Ban"
                          testId={`ban-${player.playerId}`}
                          onConfirm={() => void act(() => banPlayer(player, true))}
                        />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {banned.length > 0 && (
        <div className="banned" data-testid="banned">
          <h4>Banned</h4>
          <ul>
            {banned.map((player) => (
              <li key={player.playerId}>
                {player.name}{' '}
                <button
                  type="button"
                  data-testid={`unban-${player.playerId}`}
                  onClick={() => void act(() => banPlayer(player, false))}
                >
                  Unban
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** Hours and minutes: the seconds only widen the table. */
export function shortTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function bandwidth(bytesPerSecond: number | null): string {
  if (bytesPerSecond === null) return '—';
  if (bytesPerSecond >= 1024 * 1024) return `${(bytesPerSecond / 1024 / 1024).toFixed(1)} MB/s`;
  if (bytesPerSecond >= 1024) return `${(bytesPerSecond / 1024).toFixed(1)} kB/s`;
  return `${bytesPerSecond} B/s`;
}
