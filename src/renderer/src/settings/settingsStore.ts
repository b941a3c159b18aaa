import { create } from 'zustand';
import { useArbiterStore } from '../store';

/**
 * Where the settings screen was opened from: the lobby sets up a new match
 * (Start replaces any running one); the game view changes the running
 * match (Apply now, Restart, Back to the match).
 */
export const useSettingsStore = create<{ from: 'lobby' | 'game' }>()(() => ({ from: 'lobby' }));

/** Opens the settings screen for a new match (from the lobby) or for the running one (from the game). */
export function openSettings(from: 'lobby' | 'game'): void {
  useSettingsStore.setState({ from });
  useArbiterStore.setState({ screen: 'settings', error: null });
}
