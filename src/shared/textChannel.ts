/**
 * A bidirectional message channel: what a WebSocket is, reduced to the
 * operations the RPC layer needs — text frames for the host API, and binary
 * frames for the state lane where the transport has one (see stateLane.ts).
 * Transports implement it; tests use the in-memory pair below, so the RPC
 * code is exercised without a network.
 */
export interface TextChannel {
  send(text: string): void;
  onMessage(listener: (text: string) => void): void;
  /** Binary frames; absent where the transport carries text only. */
  sendBytes?(bytes: Uint8Array): void;
  onBytes?(listener: (bytes: Uint8Array) => void): void;
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
  bytesListeners: Array<(bytes: Uint8Array) => void>;
  closeListeners: Array<(reason?: string) => void>;
  channel: TextChannel;
}

function createEnd(): End {
  const end: End = {
    peer: null,
    closed: false,
    messageListeners: [],
    bytesListeners: [],
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
      sendBytes(bytes) {
        const peer = end.peer;
        if (end.closed || !peer || peer.closed) return;
        // A copy, as a socket would deliver: the sender may reuse its buffer.
        const copy = bytes.slice();
        queueMicrotask(() => {
          if (!peer.closed) for (const listener of peer.bytesListeners) listener(copy);
        });
      },
      onBytes(listener) {
        end.bytesListeners.push(listener);
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
