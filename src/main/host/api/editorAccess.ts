/**
 * What a friend allowed to edit behaviors (by their invite) may call: the
 * library and the editor's LLM, nothing that runs the match, touches
 * players, invites, saves or the provider settings and key. Their
 * versions run in their own author runtime, in the same sandbox.
 */
import type { RequestName } from '../../../shared/hostApi';

export const EDITOR_METHODS: ReadonlySet<RequestName> = new Set<RequestName>([
  'behavior.list',
  'behavior.get',
  'behavior.versions',
  'behavior.validate',
  'behavior.save',
  'behavior.rollback',
  'behavior.draft.save',
  'behavior.draft.list',
  'behavior.draft.delete',
  'llm.status',
  'llm.generate',
  'llm.explain',
  'llm.stop',
  // Only the `console` and `behaviors` topics, scoped to them (see matchHandlers, editorScope).
  'subscribe',
  'unsubscribe',
  // Refused in the handler unless the friend may edit now; another author's memory is withheld.
  'agent.inspect',
]);

export const friendAuthor = (playerId: number) => `friend-${playerId}`;
