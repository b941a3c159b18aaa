import { HostApiError } from '../../../shared/hostApi';
import { parseRequestFrame, type ResponseFrame } from '../../../shared/rpcProtocol';
import type { TextChannel } from '../../../shared/textChannel';
import type { HostCore } from '../hostCore';

/** Opens the session a channel speaks for: the host's own, or a friend editor's. */
export type SessionOpener = Pick<HostCore, 'openSession'>;

/** Counts of rejected input, per reason, across all channels. */
export interface RejectCounters {
  [code: string]: number;
}

// Events go to many sessions at once: serialize each payload once.
const serialized = new WeakMap<object, string>();

function eventText(event: string, data: unknown): string {
  if (typeof data === 'object' && data !== null) {
    const cached = serialized.get(data);
    if (cached) return cached;
    const text = JSON.stringify({ t: 'evt', n: event, d: data });
    serialized.set(data, text);
    return text;
  }
  return JSON.stringify({ t: 'evt', n: event, d: data });
}

/**
 * Serves the host API over one channel: every text frame is parsed and
 * validated before the core sees it; a bad frame gets an error reply and is
 * counted, never a crash. Binary frames are the session's state lane.
 */
export function serveRpc(channel: TextChannel, core: SessionOpener, rejects: RejectCounters): void {
  const session = core.openSession((event, data) => channel.send(eventText(event, data)), {
    end: (reason) => channel.close(reason),
    sendState: channel.sendBytes?.bind(channel),
  });
  channel.onBytes?.((bytes) => session.receiveState(bytes));
  const reply = (frame: ResponseFrame) => channel.send(JSON.stringify(frame));

  channel.onMessage((text) => {
    const parsed = parseRequestFrame(text);
    if (!parsed.ok) {
      rejects[parsed.code] = (rejects[parsed.code] ?? 0) + 1;
      reply({ t: 'res', id: -1, ok: false, e: { code: parsed.code, message: parsed.message } });
      return;
    }
    const { id, m, p } = parsed.frame;
    session.request(m, p).then(
      (result) => reply({ t: 'res', id, ok: true, r: result }),
      (error: unknown) => {
        const code = error instanceof HostApiError ? error.code : 'handler_failed';
        rejects[code] = (rejects[code] ?? 0) + 1;
        reply({ t: 'res', id, ok: false, e: { code, message: (error as Error).message } });
      },
    );
  });
  channel.onClose(() => session.close());
}
