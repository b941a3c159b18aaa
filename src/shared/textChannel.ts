/**
 * A bidirectional text message channel: what a WebSocket is, reduced to the
 * four operations the RPC layer needs. Transports implement it; tests use the
 * in-memory pair below, so the RPC code is exercised without a network.
 */
export interface TextChannel {
  send(text: string): void;
  onMessage(listener: (text: string) => void): void;
  /** `reason`: why the other side closed, when it said (e.g. "kicked by the host"). */
  onClose(listener: (reason?: string) => void): void;
  /** Closes both ends; `reason` reaches the other side's close listeners. */
  close(reason?: string): void;
}

/** Two connected in-memory channels; delivery is asynchronous, like a socket's. */
export function createMemoryChannelPair(): [TextChannel, TextChannel] {
  const a = createEnd();
  const b = createEnd();
  a.peer = b;
  b.peer = a;
  return [a.channel, b.channel];
}

interface End {
  peer: End | null;
  closed: boolean;
  messageListeners: Array<(text: string) => void>;
  closeListeners: Array<(reason?: string) => void>;
  channel: TextChannel;
}

function createEnd(): End {
  const end: End = {
    peer: null,
    closed: false,
    messageListeners: [],
    closeListeners: [],
    channel: {
      send(text) {
        const peer = end.peer;
        if (end.closed || !peer || peer.closed) return;
        queueMicrotask(() => {
          if (!peer.closed) for (const listener of peer.messageListeners) listener(text);
        });
      },
      onMessage(listener) {
        end.messageListeners.push(listener);
      },
      onClose(listener) {
        end.closeListeners.push(listener);
      },
      close(reason) {
        shut(end);
        if (end.peer) shut(end.peer, reason);
      },
    },
  };
  return end;
}

function shut(end: End, reason?: string): void {
  if (end.closed) return;
  end.closed = true;
  queueMicrotask(() => {
    for (const listener of end.closeListeners) listener(reason);
  });
}
