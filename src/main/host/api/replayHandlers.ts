/**
 * Replays in the Saves view: list the recorded matches, open one, seek it
 * and run a what-if from a tick with another library version of a
 * behavior. Decoding, seeking and re-running happen in the replay worker;
 * these handlers only read the database and wait.
 */
import { HostApiError } from '../../../shared/hostApi';
import type { BehaviorStore } from '../behaviors/library/index';
import type { ReplayHost } from '../replay/replayHost';
import type { ReplayRecorder } from '../replay/replayRecorder';
import type { HandlerMap } from './context';

const REPLAYS_SHOWN = 20;

export function replayHandlers(
  recorder: ReplayRecorder,
  replays: ReplayHost,
  library: BehaviorStore,
): HandlerMap {
  /** Runs a replay request; what the worker refuses reaches the user in its words. */
  async function refusing<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new HostApiError('invalid_params', (error as Error).message);
    }
  }

  return {
    'replay.list': async () => ({ replays: recorder.replays().list(REPLAYS_SHOWN) }),
    'replay.open': async ({ matchId }) => {
      // What the match posted last (a stop a moment ago) is written first.
      await recorder.settle();
      const stored = recorder.replays().load(matchId);
      if (!stored) throw new HostApiError('invalid_params', `match ${matchId} has no replay`);
      return refusing(() => replays.open(stored));
    },
    'replay.seek': ({ matchId, tick }) => refusing(() => replays.seek(matchId, tick)),
    'replay.whatIf': async ({ matchId, fromTick, seconds, behaviorId, version }) => {
      const record = await library.get(behaviorId, version);
      if (!record)
        throw new HostApiError(
          'invalid_params',
          `behavior ${behaviorId} has no version ${version}`,
        );
      const info = await refusing(() => replays.open(recorder.replays().load(matchId)!));
      const ticks = seconds * info.tickRate;
      return refusing(() =>
        replays.whatIf(matchId, fromTick, ticks, {
          behaviorId,
          version,
          author: record.author,
          source: record.code,
          language: record.language,
        }),
      );
    },
  };
}
