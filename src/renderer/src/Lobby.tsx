import { useState } from 'react';
import { ErrorBanner } from './ErrorBanner';
import { watchMatch } from './hostActions';
import { openSettings } from './settings/settingsStore';
import { JoinPanel } from './JoinPanel';
import { RemoteMatches } from './RemoteMatches';
import { connectSession } from './session';
import { useArbiterStore } from './store';

export function Lobby() {
  const connection = useArbiterStore((state) => state.connection);
  const serverInfo = useArbiterStore((state) => state.serverInfo);
  const matchRunning = useArbiterStore((state) => state.match?.running ?? false);
  const [joinOpen, setJoinOpen] = useState(false);
  const connected = connection === 'connected';
  const guest = connection === 'guest';
  // The match is set up on the settings screen first; it starts from there.
  const onHost = () => openSettings('lobby');

  return (
    <main className="lobby">
      <h1>Arbiter</h1>
      <p className="tagline">A multiplayer arena for bots you write yourself.</p>
      <ConnectionLine />
      <ErrorBanner />
      <div className="lobby-actions">
        {!guest && (
          <button type="button" className="primary" disabled={!connected} onClick={onHost}>
            Host a game
          </button>
        )}
        <button
          type="button"
          className={guest ? 'primary' : undefined}
          onClick={() => setJoinOpen(true)}
        >
          Join a game
        </button>
        {!guest && (
          <button
            type="button"
            disabled={!connected}
            onClick={() => useArbiterStore.setState({ screen: 'saves', error: null })}
          >
            Saves
          </button>
        )}
        {connected && matchRunning && (
          <button type="button" onClick={watchMatch}>
            Watch the running match
          </button>
        )}
      </div>
      {joinOpen && <JoinPanel onClose={() => setJoinOpen(false)} />}
      <RemoteMatches guest={guest} />
      {serverInfo && (
        <footer className="muted">
          Arbiter {serverInfo.version} · {serverInfo.mode === 'electron' ? 'desktop' : 'headless'}{' '}
          host
          {serverInfo.url && <> · friends can open {serverInfo.url}</>}
        </footer>
      )}
    </main>
  );
}

function ConnectionLine() {
  const connection = useArbiterStore((state) => state.connection);
  const reason = useArbiterStore((state) => state.connectionError);
  if (connection === 'connecting')
    return (
      <p className="muted" data-testid="connection">
        Connecting to the host…
      </p>
    );
  if (connection === 'guest')
    return (
      <p className="muted" data-testid="connection">
        You are a guest on this host: join a game with an invite link. To run this host, open the
        host link it printed when it started.
      </p>
    );
  if (connection === 'failed') {
    return (
      <p className="connection-failed" role="alert" data-testid="connection">
        No connection to the host{reason ? ` (${reason})` : ''}.{' '}
        <button type="button" className="link-button" onClick={() => void connectSession()}>
          Retry
        </button>
      </p>
    );
  }
  return null;
}
