import type { HandlerMap, HostContext } from './context';
import type { Invite } from '../net/invites';
import { hideFromLogs } from '../logger';

/** Host-only: invites, kick and ban. Friends never reach the host API. */
export function inviteHandlers(context: HostContext): HandlerMap {
  const { invites, friends, roster, state } = context;
  const withLink = (invite: Invite) => ({
    ...invite,
    link: context.url ? `${context.url}#invite=${invite.code}` : null,
  });
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
    'invite.revoke': async (params: { code: string }) => ({ revoked: invites.revoke(params.code) }),
    'player.kick': async (params: { playerId: number }) => {
      if (!roster.get(params.playerId)) return { kicked: false };
      friends.disconnect(params.playerId, 'kicked by the host');
      await roster.leave(params.playerId, 'kicked');
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
      if (params.banned && roster.get(params.playerId)) {
        friends.disconnect(params.playerId, 'banned by the host');
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
