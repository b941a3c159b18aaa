/**
 * What a friend's editor session may receive of an event the host
 * publishes on a topic it may follow (matchHandlers' assertEditorTopics):
 * the `behaviors` event with their own behaviors in full and the others'
 * run-time errors without the observation they were thrown on (another
 * author's agents' view of the match is theirs), and only their own
 * author's sandbox memory. Console lines are scoped as they are published
 * (consolePublisher.ts).
 */
import type { BehaviorsEvent, EventData, EventName } from '../../../shared/hostApi';
import type { SessionEntry } from './context';

/** `event` as `session` may see it (the host: all of it). */
export function behaviorsVisibleTo(
  session: Pick<SessionEntry, 'role' | 'author'>,
  event: BehaviorsEvent,
): BehaviorsEvent {
  if (session.role === 'host') return event;
  return {
    ...event,
    behaviors: event.behaviors.map((behavior) =>
      behavior.author === session.author || !behavior.runErrors
        ? behavior
        : { ...behavior, runErrors: { ...behavior.runErrors, observation: null } },
    ),
    authors: event.authors?.filter((author) => author.author === session.author),
  };
}

/** `data` of `event` as `session` may see it, for the host core's publish. */
export function scopedFor<E extends EventName>(
  session: Pick<SessionEntry, 'role' | 'author'>,
  event: E,
  data: EventData<E>,
): EventData<E> {
  if (session.role === 'host' || event !== 'behaviors') return data;
  return behaviorsVisibleTo(session, data as BehaviorsEvent) as EventData<E>;
}
