import { useEffect, useState } from 'react';

/** One match of the fleet directory, as `GET /matches` lists it. */
interface ListedMatch {
  hostId: string;
  id: string;
  config: string;
  map: string;
  players: number;
  limit: number;
  joinable: boolean;
}

const POLL_MS = 3000;

/**
 * The open matches of every host in the fleet (only on a host started with
 * `--directory`; elsewhere `/matches` is not there and this shows nothing).
 * Join reserves a seat on the owning host and opens its invite link.
 */
export function RemoteMatches() {
  const [matches, setMatches] = useState<ListedMatch[] | null>(null);
  const [self, setSelf] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const load = async () => {
      try {
        const response = await fetch('/matches', { cache: 'no-store' });
        if (!response.headers.get('content-type')?.includes('json')) return;
        const body = (await response.json()) as { self?: string; matches?: ListedMatch[] };
        if (!stopped && body.matches) {
          setMatches(body.matches);
          setSelf(body.self ?? null);
        }
      } catch {
        // No fleet, or the directory is out of reach: the next poll tries again.
      }
    };
    void load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  if (!matches) return null;
  const others = matches.filter((match) => match.hostId !== self);
  const join = async (match: ListedMatch) => {
    setMessage('Reserving a seat…');
    try {
      const response = await fetch('/matches/join', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ hostId: match.hostId, matchId: match.id }),
      });
      const body = (await response.json()) as { url?: string; error?: string };
      if (response.ok && body.url) location.href = body.url;
      else setMessage(`${body.error ?? 'The seat could not be reserved.'} You can try again.`);
    } catch {
      setMessage('This host could not be reached. You can try again.');
    }
  };
  return (
    <section className="panel" data-testid="fleet-matches">
      <h2>Matches on other hosts</h2>
      {others.length === 0 && <p className="muted">No other host has an open match now.</p>}
      <ul>
        {others.map((match) => (
          <li key={`${match.hostId}/${match.id}`} data-testid="fleet-match">
            {match.config} on {match.map} · {match.hostId} · {match.players}/{match.limit}{' '}
            <button type="button" disabled={!match.joinable} onClick={() => void join(match)}>
              {match.joinable ? 'Join' : 'Full'}
            </button>
          </li>
        ))}
      </ul>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
