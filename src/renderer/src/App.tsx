import { useEffect, useState } from 'react';
import { FriendGame, FriendView } from './FriendView';
import { GameView } from './GameView';
import { Lobby } from './Lobby';
import { parseInvite, type InviteTarget } from './net/friendSession';
import { SavesView } from './SavesView';
import { SettingsScreen } from './settings/SettingsScreen';
import { Toaster } from './Toast';
import { connectSession } from './session';
import { StorageWarning } from './StorageWarning';
import { useArbiterStore } from './store';

/** A page opened from an invite link (or one pasted into Join) plays as a friend. */
function inviteFromAddress(): InviteTarget | null {
  return location.hash.includes('invite=') ? parseInvite(location.href) : null;
}

export function App() {
  const screen = useArbiterStore((state) => state.screen);
  const codeFriend = useArbiterStore((state) => state.friendConnection);
  const [invite, setInvite] = useState<InviteTarget | null>(inviteFromAddress);
  useEffect(() => {
    const onHash = () => setInvite(inviteFromAddress());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    if (!invite) void connectSession();
  }, [invite]);
  if (invite) return <FriendView target={invite} />;
  if (codeFriend) return <FriendGame connection={codeFriend} />;
  return (
    <>
      <StorageWarning />
      {screen === 'game' ? (
        <GameView />
      ) : screen === 'saves' ? (
        <SavesView />
      ) : screen === 'settings' ? (
        <SettingsScreen />
      ) : (
        <Lobby />
      )}
      <Toaster />
    </>
  );
}
