import { useEffect } from 'react';
import { GameView } from './GameView';
import { Lobby } from './Lobby';
import { SavesView } from './SavesView';
import { StorageWarning } from './StorageWarning';
import { connectSession } from './session';
import { useArbiterStore } from './store';

export function App() {
  const screen = useArbiterStore((state) => state.screen);
  useEffect(() => {
    void connectSession();
  }, []);
  return (
    <>
      <StorageWarning />
      {screen === 'game' ? <GameView /> : screen === 'saves' ? <SavesView /> : <Lobby />}
    </>
  );
}
