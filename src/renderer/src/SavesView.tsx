import { useCallback, useEffect, useState } from 'react';
import type { Saves } from '../../shared/hostApi';
import { backupNow, loadSaves, restoreBackup } from './savesActions';
import { ReplaysSection } from './replay/ReplaysSection';
import { useArbiterStore } from './store';

const when = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleString());

/** Players known to this host, past matches, and backup/restore of the state file. */
export function SavesView() {
  const [saves, setSaves] = useState<Saves | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const { value, error } = await loadSaves();
    if (value) setSaves(value);
    if (error) setMessage(`Could not load the saves: ${error}`);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const onBackup = async () => {
    setBusy(true);
    const { value, error } = await backupNow();
    setBusy(false);
    setMessage(value ? `Backup written: ${value.name}` : `Backup failed: ${error}`);
    await refresh();
  };

  const onRestore = async (name: string) => {
    if (!window.confirm(`Restore ${name}? Everything saved since then is replaced.`)) return;
    setBusy(true);
    const { value, error } = await restoreBackup(name);
    setBusy(false);
    if (value) setSaves(value);
    setMessage(value ? `Restored ${name}` : `Restore failed: ${error}`);
  };

  return (
    <main className="saves" data-testid="saves-view">
      <header className="saves-header">
        <h1>Saves</h1>
        <button type="button" onClick={() => useArbiterStore.setState({ screen: 'lobby' })}>
          Back to lobby
        </button>
      </header>
      {message && (
        <p className="saves-message" role="status" data-testid="saves-message">
          {message}
        </p>
      )}
      {saves && (
        <>
          <p className="muted">
            State file: <code>{saves.file}</code>
          </p>
          <section>
            <h2>Players</h2>
            {saves.players.length === 0 ? (
              <p className="muted">No one has played on this host yet.</p>
            ) : (
              <table data-testid="saves-players">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Role</th>
                    <th>Level</th>
                    <th>Last seen</th>
                  </tr>
                </thead>
                <tbody>
                  {saves.players.map((player) => (
                    <tr key={player.id}>
                      <td>
                        {player.displayName}
                        {player.banned && ' (banned)'}
                      </td>
                      <td>{player.role}</td>
                      <td>{player.level}</td>
                      <td>{when(player.lastSeen)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section>
            <h2>Past matches</h2>
            {saves.matches.length === 0 ? (
              <p className="muted">No matches yet.</p>
            ) : (
              <table data-testid="saves-matches">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>Started</th>
                    <th>Ended</th>
                    <th>Result</th>
                  </tr>
                </thead>
                <tbody>
                  {saves.matches.map((match) => (
                    <tr key={match.id}>
                      <td>{match.id}</td>
                      <td>{when(match.startedAt)}</td>
                      <td>{when(match.endedAt)}</td>
                      <td>{match.result ?? 'running'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <ReplaysSection />
          <section>
            <h2>Backups</h2>
            <button type="button" className="primary" disabled={busy} onClick={onBackup}>
              Back up now
            </button>
            <ul className="backups" data-testid="saves-backups">
              {saves.backups.map((name) => (
                <li key={name}>
                  <code>{name}</code>{' '}
                  <button type="button" disabled={busy} onClick={() => void onRestore(name)}>
                    Restore
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </main>
  );
}
