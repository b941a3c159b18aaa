/**
 * The match clock, host only (editor friends are refused: these are not in
 * EDITOR_METHODS): pause, resume, step one tick while paused, speed
 * 0.25×–4×. Every change is published as a `match` event to every session
 * and told to friends in the game on their control lane.
 */
import { HostApiError } from '../../../shared/hostApi';
import { InvalidTransition } from '../match/index';
import { matchState } from './matchHandlers';
import type { HandlerMap, HostContext } from './context';

export function clockHandlers(context: HostContext): HandlerMap {
  const { match } = context;

  /** Runs a clock operation; a refused one says why in words and changes nothing. */
  async function change(operation: () => Promise<unknown>) {
    try {
      await operation();
    } catch (error) {
      if (error instanceof InvalidTransition || error instanceof RangeError)
        throw new HostApiError('invalid_params', error.message);
      throw error;
    }
    const state = matchState(context);
    context.publish(null, 'match', state);
    context.friends.matchClock(match.phase === 'paused', match.speed);
    return state;
  }

  return {
    'match.pause': () => change(() => match.pause()),
    'match.resume': () => change(() => match.resume()),
    'match.step': () => change(() => match.step()),
    'match.setSpeed': (params) => change(() => match.setSpeed(params.speed)),
  };
}
