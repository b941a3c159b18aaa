import type { HandlerMap, HostContext } from './context';
import { SESSION_END_REASONS } from './context';
import type { Invite } from '../net/invites';
import { hideFromLogs } from '../server/index';

/**
 * Host-only: invites, kick and ban. Friends never reach the host API.
 * Kick and ban end every session the player holds at once (game link,
 * editor sockets) before anything is awaited, so no request of theirs
 * lands after the host's answer; revoking an invite takes editing away
 * from everyone who joined with it.
 */
export function inviteHandlers(context: HostContext): HandlerMap {
  const { invites, friends, roster, state } = context;
  const withLink = (invite: Invite) => ({
    ...invite,
    // An offer code carries its own connection details; a link to it would not connect.
    link: context.url && invite.kind === 'link' ? `${context.url}#invite=${invite.code}` : null,
  });
  /** Ends the player's game link and editor sessions; true when they held any. */
  const endSessions = (playerId: number, reason: string): boolean => {
    const playing = roster.get(playerId) !== undefined;
    friends.stopEditing(playerId);
    const editors = context.endEditorSessions(playerId, reason);
    if (playing) friends.disconnect(playerId, reason);
    return playing || editors > 0;
  };
  return {
    'invite.create': async (params: {
      ttlMinutes?: number;
      maxUses?: number;
      canEditBehaviors?: boolean;
    }) => {
      const invite = invites.create({
        ttlMs: params.ttlMinutes === undefined ? undefined : params.ttlMinutes * 60_000,
        maxUses: params.maxUses,
        canEditBehaviors: params.canEditBehaviors,
      });
      hideFromLogs(invite.code);
      return withLink(invite);
    },
    'invite.list': async () => ({ invites: invites.list().map(withLink) }),
    'invite.revoke': async (params: { code: string }) => {
      const revoked = invites.revoke(params.code);
      for (const playerId of friends.editorsInvitedBy(params.code)) {
        context.endEditorSessions(playerId, SESSION_END_REASONS.revoked);
      }
      return { revoked };
    },
    'player.kick': async (params: { playerId: number }) => {
      if (!endSessions(params.playerId, SESSION_END_REASONS.kicked)) return { kicked: false };
      await roster.kick(params.playerId);
      state.writeNow('logging the kick', () =>
        state.history.logEvent('kick', params.playerId, {}, Date.now()),
      );
      context.options.logger.info({ playerId: params.playerId }, 'player kicked');
      return { kicked: true };
    },
    'player.ban': async (params: { playerId: number; banned: boolean }) => {
      state.writeNow('saving the ban', () => {
        state.players.setBanned(params.playerId, params.banned);
        state.history.logEvent(params.banned ? 'ban' : 'unban', params.playerId, {}, Date.now());
      });
      if (params.banned && endSessions(params.playerId, SESSION_END_REASONS.banned)) {
        await roster.leave(params.playerId, 'banned');
      }
      context.options.logger.info(
        { playerId: params.playerId },
        params.banned ? 'player banned' : 'player unbanned',
      );
      return { banned: params.banned };
    },
  };
}
