import { useCallback, useEffect, useState } from 'react';
import { FriendEditorButton, FriendEditorPanel } from './editor/FriendEditor';
import { DISPLAY_NAME_MAX, displayName } from '../../shared/displayName';
import { ArenaView } from './ArenaView';
import { EndScreen } from './arena/EndScreen';
import { useClientHud, type ClientHud } from './arena/useClientHud';
import { ScoreboardPanel } from './ScoreboardPanel';
import { describeError } from './describeError';
import { NetOverlay } from './NetOverlay';
import { teamColorName, teamCss } from './game/teamColors';
import { SplitPane } from './arena/SplitPane';
import { useEditorStore } from './editor/editorStore';
import { joinHost, JoinError, type FriendConnection } from './net/friendConnection';
import { forgetSession, saveSession, savedSession, type InviteTarget } from './net/friendSession';
import { testHook } from './testHook';
import { useArbiterStore } from './store';
import { InspectorPanel } from './inspector/InspectorPanel';
import { useInspectorStore } from './inspector/inspectorStore';

const NAME_KEY = 'arbiter.friendName';

/** What a fleet player reads when the seat a lobby reserved for them is gone. */
const LAPSED_SEAT: Record<string, string> = {
  expired: 'The seat reserved for you expired before you joined.',
  used_up: 'The seat reserved for you has been taken.',
  revoked: 'The seat reserved for you was withdrawn.',
  unknown: 'This host no longer knows the seat reserved for you.',
};

/** The seat a fleet lobby reserved is gone for good: joining again here cannot work. */
function seatLapsed(error: unknown, fromLobby: boolean): boolean {
  return fromLobby && error instanceof JoinError && LAPSED_SEAT[error.reason] !== undefined;
}
/** A friend's page: join the host the invite points at, then play over WebRTC (or the fallback). */
export function FriendView({ target }: { target: InviteTarget }) {
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY) ?? '');
  const [connection, setConnection] = useState<FriendConnection | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [joining, setJoining] = useState(false);
  // 'lapsed': the reserved seat is gone; only the lobby (another reservation) helps.
  const [failed, setFailed] = useState<false | 'retry' | 'lapsed'>(false);

  const join = useCallback(async () => {
    // The host cleans it the same way (displayName.ts): what is stored here is what others see.
    const trimmed = displayName(name, 'Friend');
    localStorage.setItem(NAME_KEY, trimmed);
    setJoining(true);
    setFailed(false);
    setStatus('Connecting…');
    const session = savedSession(target.hostOrigin);
    try {
      let joined: FriendConnection;
      try {
        joined = await joinHost(
          session
            ? { hostOrigin: target.hostOrigin, name: trimmed, session }
            : { hostOrigin: target.hostOrigin, name: trimmed, invite: target.code },
        );
      } catch (error) {
        // A session this host no longer knows: join as new with the invite. Kicked or banned
        // players are told so (the invite must not sneak them back in as someone new).
        if (!session || !(error instanceof JoinError) || error.reason !== 'unknown_session')
          throw error;
        forgetSession(target.hostOrigin);
        joined = await joinHost({
          hostOrigin: target.hostOrigin,
          name: trimmed,
          invite: target.code,
        });
      }
      saveSession(target.hostOrigin, joined.welcome.session);
      testHook.transport = joined.transport;
      joined.onClose((reason) => {
        setConnection(null);
        setStatus(`Disconnected: ${reason}`);
      });
      setConnection(joined);
      setStatus(null);
    } catch (error) {
      const lapsed = seatLapsed(error, target.lobby !== undefined);
      setStatus(
        lapsed
          ? LAPSED_SEAT[(error as JoinError).reason]
          : `Could not join: ${describeError(error)}`,
      );
      setFailed(lapsed ? 'lapsed' : 'retry');
    } finally {
      setJoining(false);
    }
  }, [name, target]);

  useEffect(() => () => connection?.close(), [connection]);

  if (!connection) {
    return (
      <main className="lobby">
        <h1>Arbiter</h1>
        <p className="tagline">You are invited to a match at {target.hostOrigin}.</p>
        {failed !== 'lapsed' && (
          <form
            className="join-form"
            onSubmit={(event) => {
              event.preventDefault();
              void join();
            }}
          >
            <label htmlFor="friend-name">Your name</label>
            <input
              id="friend-name"
              data-testid="friend-name"
              maxLength={DISPLAY_NAME_MAX}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
            <button type="submit" className="primary" disabled={joining}>
              Join the match
            </button>
          </form>
        )}
        {status && (
          <p role="status" data-testid="friend-status">
            {status}
          </p>
        )}
        {failed && target.lobby && (
          // A seat from a fleet lobby: back there, another reservation is one click away.
          <p>
            <a href={target.lobby} data-testid="back-to-lobby">
              Back to the lobby
            </a>{' '}
            to pick a match again.
          </p>
        )}
        {/* Disconnected with the editor open: its buffer stays to copy (saving says why not). */}
        <FriendEditorPanel />
      </main>
    );
  }
  return <FriendGame connection={connection} hostOrigin={target.hostOrigin} />;
}

/**
 * Playing as a friend over a connection, however it was made (invite link
 * or copy-paste codes). `hostOrigin`: where the host serves its API, for a
 * friend whose invite lets them edit behaviors (a link join only).
 */
export function FriendGame({
  connection,
  hostOrigin,
}: {
  connection: FriendConnection;
  hostOrigin?: string;
}) {
  const { welcome } = connection;
  const editorOpen = useEditorStore((state) => state.open);
  // A friend who may edit inspects through their editor session (opened with the editor).
  const editorClient = useArbiterStore((state) => state.client);
  const inspecting = useInspectorStore((state) => state.agentId !== null || state.error !== null);
  // A new match on the host changes the avatar: the line above the arena says so.
  const [, setResets] = useState(0);
  useEffect(() => connection.onReset(() => setResets((n) => n + 1)), [connection]);
  // The host's clock: a friend sees the match held, and at what speed it runs.
  const [clock, setClock] = useState<{ paused: boolean; speed: number }>({
    paused: false,
    speed: 1,
  });
  useEffect(() => connection.onClock(setClock), [connection]);
  // Names, the scoreboard, the clock and the kill feed, as the host window has them.
  const hud = useClientHud(connection);
  const team = hud.self?.team ?? welcome.team;
  const name = hud.self?.name ?? displayName(localStorage.getItem(NAME_KEY) ?? '', 'Friend');
  return (
    <div className="game-view">
      <div className="game-controls">
        <span data-testid="friend-identity" data-player-id={welcome.playerId}>
          Playing as <strong data-testid="friend-name-shown">{name}</strong> on{' '}
          <span style={{ color: teamCss(team) }}>{teamName(hud, team)}</span>
          {welcome.resumed ? ' (reconnected)' : ''}
        </span>
        {clock.paused && (
          <strong className="friend-paused" data-testid="friend-paused">
            Paused by the host
          </strong>
        )}
        {!clock.paused && clock.speed !== 1 && <span>Running at {clock.speed}×</span>}
        <span className="spacer" />
        {welcome.canEditBehaviors && hostOrigin && (
          <FriendEditorButton hostOrigin={hostOrigin} session={welcome.session} />
        )}
        <button type="button" onClick={() => connection.close()}>
          Leave
        </button>
      </div>
      <SplitPane
        arena={
          <>
            <ArenaView
              client={connection}
              hud={hud}
              inspectable={welcome.canEditBehaviors && editorClient !== null}
            />
            <NetOverlay connection={connection} />
            <ScoreboardPanel scoreboard={hud.board} />
            {hud.board && (
              <EndScreen
                scoreboard={hud.board}
                nameOf={(id) => (id === connection.play.unitId ? 'You' : hud.nameOf(id))}
              />
            )}
          </>
        }
        side={
          welcome.canEditBehaviors && (editorOpen || inspecting) ? (
            <div className="side-stack">
              <InspectorPanel />
              {editorOpen && <FriendEditorPanel />}
            </div>
          ) : null
        }
      />
    </div>
  );
}

/** A team's name from the host's scoreboard, else its colour's name (the default teams' names). */
function teamName(hud: ClientHud, team: number): string {
  return hud.board?.teams.find((line) => line.team === team)?.name ?? teamColorName(team);
}
