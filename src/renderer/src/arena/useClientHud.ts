import { useCallback, useEffect, useMemo, useState } from 'react';
import type { HudPlayer } from '../../../shared/controlLane';
import type { ScoreboardData } from '../../../shared/hostApi';
import type { PlayerClient } from '../net/playerClient';
import { feedLinesOf, type FeedLine } from './killFeed';

/** How long a kill-feed line stays, ms. */
const FEED_MS = 6000;
const FEED_LINES = 5;

/** What a player's screen shows besides the arena, from the host's `players` and `score`. */
export interface ClientHud {
  players: HudPlayer[];
  /** The scoreboard and clock; null until the host's first `score`. */
  board: ScoreboardData | null;
  /** The newest deaths, oldest first; each leaves after FEED_MS. */
  feed: FeedLine[];
  /** A player's name by their avatar's unit id; null for agents and unknown units. */
  nameOf(unitId: number): string | null;
  /** This client's own player (by its avatar); null while it watches. */
  self: HudPlayer | null;
}

/**
 * The one source of the HUD for every player, host window and friend
 * alike: it follows a player client's `players` and `score` messages
 * (which the client holds from the moment its link is up, so none are
 * lost while the page mounts).
 */
export function useClientHud(client: PlayerClient | null): ClientHud {
  const [, setVersion] = useState(0);
  const [feed, setFeed] = useState<FeedLine[]>([]);

  useEffect(() => {
    if (!client) return;
    const counter = { next: 0 };
    const stopHud = client.onHud((kills) => {
      setVersion((n) => n + 1);
      if (kills.length === 0) return;
      const lines = feedLinesOf(kills, performance.now(), counter);
      setFeed((old) => [...old, ...lines].slice(-FEED_LINES));
    });
    // A new match: the old match's deaths are not news.
    const stopReset = client.onReset(() => setFeed([]));
    return () => {
      stopHud();
      stopReset();
      setFeed([]);
    };
  }, [client]);

  // Old lines leave; the timer runs only while there are lines.
  const showing = feed.length > 0;
  useEffect(() => {
    if (!showing) return;
    const timer = setInterval(() => {
      const now = performance.now();
      setFeed((lines) => {
        const kept = lines.filter((line) => now - line.at < FEED_MS);
        return kept.length === lines.length ? lines : kept;
      });
    }, 250);
    return () => clearInterval(timer);
  }, [showing]);

  const players = client?.hud.players ?? [];
  const board = client?.hud.board ?? null;
  const names = useMemo(
    () =>
      new Map(
        players.flatMap((player) => (player.unitId === null ? [] : [[player.unitId, player.name]])),
      ),
    [players],
  );
  const nameOf = useCallback((unitId: number) => names.get(unitId) ?? null, [names]);
  const ownId = client?.play.unitId ?? null;
  const self = ownId === null ? null : (players.find((player) => player.unitId === ownId) ?? null);
  return { players, board, feed, nameOf, self };
}
