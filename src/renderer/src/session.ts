import { connectHost, NotTheHostError } from './hostConnection';
import { describeError } from './describeError';
import { useArbiterStore } from './store';
import { testHook } from './testHook';

let connecting = false;

/**
 * Reaches the host and loads its info. Safe to call again: a call while one
 * is under way or after success does nothing, so React's double effects and
 * the Retry button share one path.
 */
export async function connectSession(): Promise<void> {
  const { connection, client } = useArbiterStore.getState();
  if (connecting || (connection === 'connected' && client)) return;
  connecting = true;
  useArbiterStore.setState({ connection: 'connecting', connectionError: null, error: null });
  try {
    const { client, transport } = await connectHost();
    testHook.transport = transport;
    // Listen before asking, so a match change between the two is not lost.
    client.on('match', (match) => useArbiterStore.setState({ match }));
    client.on('stats', (stats) => useArbiterStore.setState({ stats }));
    client.on('scoreboard', (scoreboard) => {
      testHook.scoreboard = scoreboard;
      useArbiterStore.setState({ scoreboard });
    });
    client.on('warning', ({ message }) => useArbiterStore.setState({ storageWarning: message }));
    const serverInfo = await client.request('server.info', {});
    useArbiterStore.setState({
      connection: 'connected',
      client,
      transport,
      serverInfo,
      match: serverInfo.match,
      storageWarning: serverInfo.storageWarning,
    });
  } catch (error) {
    // No key is no failure: a guest's lobby offers invites (and a fleet's matches), not a Retry.
    if (error instanceof NotTheHostError) useArbiterStore.setState({ connection: 'guest' });
    else useArbiterStore.setState({ connection: 'failed', connectionError: describeError(error) });
  } finally {
    connecting = false;
  }
}

/**
 * The transport closed under us: back to the lobby, which offers Retry.
 * The old client delivers nothing more, so it is dropped.
 */
export function markConnectionLost(reason: string): void {
  useArbiterStore.setState({
    connection: 'failed',
    connectionError: reason,
    client: null,
    screen: 'lobby',
    stats: null,
  });
}
