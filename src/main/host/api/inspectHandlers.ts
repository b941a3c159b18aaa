/**
 * `agent.inspect`: each session follows at most one agent; the engine
 * worker inspects the union of them (nothing while nobody inspects) and
 * each inspection goes to the sessions following that agent as an
 * `inspect` event. The host sees everything; a friend who may edit
 * behaviors sees memory and errors only of behaviors they wrote; any other
 * friend is refused.
 */
import { HostApiError, type AgentInspection } from '../../../shared/hostApi';
import type { HandlerMap, HostContext, SessionEntry } from './context';

export interface InspectHandlers {
  handlers: HandlerMap;
  /** A session closed: it follows nothing any more. */
  closeSession(sessionId: number): void;
}

export function inspectHandlers(
  context: HostContext,
  sessions: () => Iterable<SessionEntry>,
  /** A behavior's library name by id. */
  nameOf: (id: string) => string,
): InspectHandlers {
  /** Session id → the agent it follows. */
  const following = new Map<number, number>();

  const agentIds = () => [...new Set(following.values())];

  context.engine.on('inspect', (inspection) => {
    if (inspection.behavior) inspection.behavior.name = nameOf(inspection.behavior.id);
    for (const session of sessions()) {
      if (following.get(session.id) !== inspection.agentId) continue;
      session.sink('inspect', visibleTo(session, inspection));
    }
  });

  return {
    handlers: {
      'agent.inspect': async ({ agentId }, session) => {
        if (session.role === 'editor' && !mayEdit(context, session)) {
          throw new HostApiError(
            'forbidden',
            'only the host and friends who may edit behaviors can inspect agents',
          );
        }
        if (agentId === null) {
          following.delete(session.id);
          await context.engine.inspect(agentIds(), null);
          return { agentId: null };
        }
        if (!context.match.running) {
          throw new HostApiError('invalid_params', 'no match is running: start one to inspect');
        }
        const before = following.get(session.id);
        following.set(session.id, agentId);
        const { found } = await context.engine.inspect(agentIds(), agentId);
        if (!found) {
          if (before === undefined) following.delete(session.id);
          else following.set(session.id, before);
          await context.engine.inspect(agentIds(), null);
          throw new HostApiError(
            'invalid_params',
            `agent ${agentId} is not an agent in this match`,
          );
        }
        return { agentId };
      },
    },
    closeSession(sessionId) {
      if (!following.delete(sessionId)) return;
      void context.engine.inspect(agentIds(), null).catch(() => {});
    },
  };
}

function mayEdit(context: HostContext, session: SessionEntry): boolean {
  return session.editorOf !== null && context.friends.canEditBehaviors(session.editorOf);
}

/** `inspection` as `session` may see it: another author's memory and errors are withheld. */
export function visibleTo(session: SessionEntry, inspection: AgentInspection): AgentInspection {
  const behavior = inspection.behavior;
  if (session.role === 'host' || !behavior || behavior.author === session.author) return inspection;
  return {
    ...inspection,
    memory: null,
    memoryTruncated: false,
    lastError: null,
    withheld: `memory and errors are shown only to the behavior's author (${behavior.author})`,
  };
}
