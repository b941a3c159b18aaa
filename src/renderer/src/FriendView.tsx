import { useCallback, useEffect, useState } from 'react';
import { FriendEditorButton, FriendEditorPanel } from './editor/FriendEditor';
import { ArenaView } from './ArenaView';
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
/** A friend's page: join the host the invite points at, then play over WebRTC (or the fallback). */
export function FriendView({ target }: { target: InviteTarget }) {
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY) ?? '');
  const [connection, setConnection] = useState<FriendConnection | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [joining, setJoining] = useState(false);

  const join = useCallback(async () => {
    const trimmed = name.trim() || 'Friend';
    localStorage.setItem(NAME_KEY, trimmed);
    setJoining(true);
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
      setStatus(`Could not join: ${describeError(error)}`);
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
            maxLength={32}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" className="primary" disabled={joining}>
            Join the match
          </button>
        </form>
        {status && (
          <p role="status" data-testid="friend-status">
            {status}
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
  return (
    <div className="game-view">
      <div className="game-controls">
        <span data-testid="friend-identity" data-player-id={welcome.playerId}>
          Playing as <strong>{localStorage.getItem(NAME_KEY) ?? 'Friend'}</strong> on{' '}
          <span style={{ color: teamCss(welcome.team) }}>{teamColorName(welcome.team)}</span>
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
              inspectable={welcome.canEditBehaviors && editorClient !== null}
            />
            <NetOverlay connection={connection} />
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
