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

type Listing =
  | { state: 'none' }
  | { state: 'listed'; self: string | null; matches: ListedMatch[] }
  | { state: 'unreachable' };

const POLL_MS = 3000;

/**
 * The open matches of every host in the fleet (only on a host started with
 * `--directory`; elsewhere `/matches` is not there and this shows nothing).
 * Join reserves a seat on the owning host and opens its invite link. The
 * host's own page lists the other hosts' matches; a guest's lists this
 * host's match too, since a guest joins it the same way.
 */
export function RemoteMatches({ guest }: { guest: boolean }) {
  const [listing, setListing] = useState<Listing>({ state: 'none' });
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const load = async () => {
      let next: Listing | null = null;
      try {
        const response = await fetch('/matches', { cache: 'no-store' });
        // Without a directory the path is the UI's own page (HTML): no fleet, nothing to show.
        if (!response.headers.get('content-type')?.includes('json')) next = { state: 'none' };
        else {
          const body = (await response.json()) as { self?: string; matches?: ListedMatch[] };
          next = body.matches
            ? { state: 'listed', self: body.self ?? null, matches: body.matches }
            : { state: 'unreachable' };
        }
      } catch {
        // This host itself did not answer: keep what is shown; the next poll tries again.
      }
      if (!stopped && next) setListing(next);
    };
    void load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  if (listing.state === 'none') return null;
  const join = async (match: ListedMatch) => {
    setMessage('Reserving a seat…');
    try {
      const response = await fetch('/matches/join', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ hostId: match.hostId, matchId: match.id }),
      });
      const body = (await response.json()) as { url?: string; error?: string };
      if (response.ok && body.url) {
        // The seat's page links back here, for a reservation that lapses before its player joins.
        location.href = `${body.url}&lobby=${encodeURIComponent(`${location.origin}/`)}`;
      } else setMessage(`${body.error ?? 'The seat could not be reserved.'} You can try again.`);
    } catch {
      setMessage('This host could not be reached. You can try again.');
    }
  };
  const shown =
    listing.state === 'listed'
      ? listing.matches.filter((match) => guest || match.hostId !== listing.self)
      : [];
  return (
    <section className="panel" data-testid="fleet-matches">
      <h2>{guest ? 'Open matches in the fleet' : 'Matches on other hosts'}</h2>
      {listing.state === 'unreachable' && (
        <p className="muted" data-testid="fleet-unreachable">
          The fleet’s directory cannot be reached now; this list comes back once it answers.
        </p>
      )}
      {listing.state === 'listed' && shown.length === 0 && (
        <p className="muted">{guest ? 'No host has' : 'No other host has'} an open match now.</p>
      )}
      <ul>
        {shown.map((match) => (
          <li key={`${match.hostId}/${match.id}`} data-testid="fleet-match">
            {match.config} on {match.map} ·{' '}
            {listing.state === 'listed' && match.hostId === listing.self
              ? `${match.hostId} (this host)`
              : match.hostId}{' '}
            · {match.players}/{match.limit}{' '}
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
