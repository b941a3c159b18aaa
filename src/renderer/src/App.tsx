import { useEffect } from 'react';
import { GameView } from './GameView';
import { Lobby } from './Lobby';
import { connectSession } from './session';
import { useArbiterStore } from './store';

export function App() {
  const screen = useArbiterStore((state) => state.screen);
  useEffect(() => {
    void connectSession();
  }, []);
  return screen === 'game' ? <GameView /> : <Lobby />;
}
