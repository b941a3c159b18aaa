/**
 * Behaviors' console lines, from the engine worker (already limited there,
 * see behaviors/consoleLimiter.ts) to the sessions subscribed to the
 * `console` topic: named after their behavior, and filtered per session
 * as they are published, so a friend's editor never receives a line of a
 * behavior that friend did not write.
 */
import type { ConsoleLine } from '../../../shared/consoleApi';
import type { HostContext, SessionEntry } from './context';

/** The lines `session` may see: all for the host, a friend's editor only their own behaviors'. */
export function consoleVisibleTo(
  session: Pick<SessionEntry, 'role' | 'author'>,
  lines: readonly ConsoleLine[],
): ConsoleLine[] {
  return session.role === 'host' ? [...lines] : lines.filter((l) => l.author === session.author);
}

/** Publishes every console line the engine reports from now on. */
export function publishConsole(context: HostContext, nameOf: (behaviorId: string) => string): void {
  context.engine.on('console', (unnamed) => {
    const lines: ConsoleLine[] = unnamed.map((line) => ({
      ...line,
      behaviorName: nameOf(line.behaviorId),
    }));
    context.publishEach('console', 'console', (session) => {
      const visible = consoleVisibleTo(session, lines);
      return visible.length > 0 ? { lines: visible } : null;
    });
  });
}
