import type { HandlerMap, HostContext, SessionEntry } from './context';

/** Joining as a player (the host's own seat, or a friend's), leaving, and commands. */
export function playerHandlers(context: HostContext): HandlerMap {
  const { roster, engine, windows } = context;
  return {
    'player.join': async (params: { name: string; token?: string }, session: SessionEntry) => {
      if (session.playerId !== null) throw new Error('this session has already joined');
      const joined = await roster.join(params.name, params.token, 'host', context.match.running);
      session.playerId = joined.playerId;
      // A window already watching now plays: its link follows the new avatar.
      windows.restart(session.id, joined.playerId);
      return {
        playerId: joined.playerId,
        unitId: joined.unitId,
        team: joined.team,
        role: joined.role,
        token: joined.token,
        problems: joined.problems,
      };
    },
    'player.leave': async (_params: unknown, session: SessionEntry) => {
      if (session.playerId === null) return { left: false };
      const playerId = session.playerId;
      session.playerId = null;
      await roster.leave(playerId);
      windows.restart(session.id, null);
      return { left: true };
    },
    'player.command': async (
      params: { command: Record<string, unknown> },
      session: SessionEntry,
    ) => {
      const unitId =
        session.playerId === null ? null : (roster.get(session.playerId)?.unitId ?? null);
      if (unitId === null) throw new Error('join the match before sending commands');
      // The session can only ever name its own avatar: the engine checks any `unit` field against it.
      engine.playerCommand(unitId, params.command);
      return { queued: true };
    },
  };
}
