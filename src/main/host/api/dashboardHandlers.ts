import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { MapEntry, PlayerRow } from '../../../shared/hostApi';
import { loadMap } from '../match/index';
import type { HandlerMap, HostContext } from './context';

interface ByteSample {
  at: number;
  sent: number;
  received: number;
}

/**
 * Host-only figures for the dashboard and the settings screen: who plays
 * now (with their link's round trip and bandwidth) and which maps exist.
 * Bandwidth is the bytes a link carried since the previous `player.list`,
 * per second; the first call after a friend connects has none yet (null).
 */
export function dashboardHandlers(context: HostContext): HandlerMap {
  const { roster, friends, state } = context;
  const lastBytes = new Map<number, ByteSample>();

  const row = (player: ReturnType<typeof roster.list>[number], now: number): PlayerRow => {
    const base = {
      playerId: player.playerId,
      name: player.displayName,
      team: player.team,
      role: player.role,
      joinedAt: player.joinedAt,
      rttMs: null,
      lossPercent: null,
      bytesInPerSecond: null,
      bytesOutPerSecond: null,
    };
    if (player.role === 'host') return { ...base, transport: 'local' };
    const link = friends.linkOf(player.playerId);
    if (!link || player.reconnecting) return { ...base, transport: 'reconnecting' };
    let stats;
    try {
      stats = link.stats();
    } catch {
      // A link closing under us: no figures this time.
      return { ...base, transport: link.transport };
    }
    const previous = lastBytes.get(player.playerId);
    lastBytes.set(player.playerId, {
      at: now,
      sent: stats.bytesSent,
      received: stats.bytesReceived,
    });
    const seconds = previous ? (now - previous.at) / 1000 : 0;
    const rate = (bytes: number, before: number | undefined) =>
      before !== undefined && seconds > 0 && bytes >= before
        ? Math.round((bytes - before) / seconds)
        : null;
    return {
      ...base,
      transport: link.transport,
      rttMs: stats.rttMs === null ? null : Math.round(stats.rttMs),
      lossPercent: friends.lossPercentOf(player.playerId),
      bytesInPerSecond: rate(stats.bytesReceived, previous?.received),
      bytesOutPerSecond: rate(stats.bytesSent, previous?.sent),
    };
  };

  return {
    'player.list': async () => {
      const now = Date.now();
      const joined = roster.list();
      for (const id of lastBytes.keys())
        if (!joined.some((player) => player.playerId === id)) lastBytes.delete(id);
      return {
        players: joined.map((player) => row(player, now)),
        banned: state.players
          .list()
          .filter((player) => player.banned)
          .map((player) => ({ playerId: player.id, name: player.displayName })),
      };
    },
    'map.list': async () => {
      const folder = join(context.options.resourcesDir, 'maps');
      const names = (await readdir(folder))
        .filter((file) => /^[a-z0-9_-]{1,64}\.json$/.test(file))
        .map((file) => file.slice(0, -'.json'.length))
        .sort();
      const maps: MapEntry[] = [];
      for (const name of names) {
        // A broken map file is left out here; starting it names the problem.
        const map = await loadMap(context.options.resourcesDir, name).catch(() => null);
        if (map) maps.push({ name, teams: [...new Set(map.spawns.map((s) => s.team))].sort() });
      }
      return { maps };
    },
  };
}
