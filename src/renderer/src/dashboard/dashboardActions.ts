/**
 * What the host dashboard asks of the host: its players and invites (polled
 * while open), kick, ban and unban, and revoking an invite. Each action
 * answers in words for a toast, including when there was nothing to do.
 */
import type { PlayerRow, RequestResult } from '../../../shared/hostApi';
import { attempt } from '../hostActions';

export type Invite = RequestResult<'invite.list'>['invites'][number];

export interface DashboardData {
  players: PlayerRow[];
  banned: { playerId: number; name: string }[];
  invites: Invite[];
}

export function loadDashboard(): Promise<DashboardData | undefined> {
  return attempt('Could not read the players and invites', async (client) => {
    const [players, invites] = await Promise.all([
      client.request('player.list', {}),
      client.request('invite.list', {}),
    ]);
    return { players: players.players, banned: players.banned, invites: invites.invites };
  });
}

/** Kicks a player; says so, or that they had already left. */
export async function kickPlayer(player: {
  playerId: number;
  name: string;
}): Promise<string | null> {
  const result = await attempt(`Could not kick ${player.name}`, (client) =>
    client.request('player.kick', { playerId: player.playerId }),
  );
  if (!result) return null;
  return result.kicked
    ? `${player.name} was kicked; they can come back only with a new invite`
    : `${player.name} had already left: there was no one to kick`;
}

/** Bans (or unbans) a player; a ban also ends their game at once. */
export async function banPlayer(
  player: { playerId: number; name: string },
  banned: boolean,
): Promise<string | null> {
  const result = await attempt(`Could not ${banned ? 'ban' : 'unban'} ${player.name}`, (client) =>
    client.request('player.ban', { playerId: player.playerId, banned }),
  );
  if (!result) return null;
  return banned
    ? `${player.name} is banned: they cannot join this host again until you unban them`
    : `${player.name} is no longer banned`;
}

/** Revokes an invite; says what that changes (nothing, for one already used up or revoked). */
export async function revokeInvite(invite: Invite): Promise<string | null> {
  const result = await attempt('Could not revoke the invite', (client) =>
    client.request('invite.revoke', { code: invite.code }),
  );
  if (!result) return null;
  const short = invite.code.slice(0, 6);
  if (!result.revoked) return `Invite ${short}… was already revoked`;
  if (invite.uses > 0)
    return `Invite ${short}… is revoked: no one else can join with it; the ${invite.uses === 1 ? 'friend' : `${invite.uses} friends`} who joined with it stay (kick to remove them)`;
  return `Invite ${short}… is revoked: it lets no one join`;
}
