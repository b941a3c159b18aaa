/**
 * Test helper: a host core with the real engine worker (compiled by tsx from
 * source) and a silent logger. Used by the host's own tests only.
 */
import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createClientState, decodeSnapshot } from '../../../../engine/index';
import { parseHostControl, type HostControl } from '../../../shared/controlLane';
import type { EventData, EventName, HostClient } from '../../../shared/hostApi';
import type { LlmEvent } from '../../../shared/llmApi';
import { createRpcClient, type RpcClient } from '../../../shared/rpcClient';
import { packBundle, unpackBundle } from '../../../shared/stateLane';
import { createMemoryChannelPair, type TextChannel } from '../../../shared/textChannel';
import { createHostCore, type HostCore, type HostCoreOptions } from '../hostCore';
import {
  startHttpHost,
  createLogger,
  serveRpc,
  type HttpHost,
  type HttpHostOptions,
} from '../server/index';

export const REPO_ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..');

export function createTestHostCore(overrides: Partial<HostCoreOptions> = {}): HostCore {
  return createHostCore({
    mode: 'headless',
    version: 'test',
    resourcesDir: join(REPO_ROOT, 'resources'),
    dataDir: mkdtempSync(join(tmpdir(), 'arbiter-test-host-')),
    workerUrl: new URL('../match/engineWorker.ts', import.meta.url),
    logger: createLogger('silent'),
    ...overrides,
  });
}

/** A host API client served by `core` over an in-memory channel pair, as the host window is. */
export function connectMemoryClient(
  core: HostCore,
  rejects: Parameters<typeof serveRpc>[2] = {},
): RpcClient {
  const [clientEnd, hostEnd] = createMemoryChannelPair();
  serveRpc(hostEnd, core, rejects);
  return createRpcClient(clientEnd);
}

/**
 * The core's HTTP port on loopback, any free port, with an empty UI folder,
 * the test host key and friends' signaling.
 */
export function startTestHttpHost(
  core: HostCore,
  overrides: Partial<HttpHostOptions> = {},
): Promise<HttpHost> {
  return startHttpHost({
    core,
    rendererDir: mkdtempSync(join(tmpdir(), 'arbiter-empty-renderer-')),
    port: 0,
    bind: '127.0.0.1',
    logger: createLogger('silent'),
    hostKey: TEST_HOST_KEY,
    onFriendSocket: (socket) => core.handleFriendSocket(socket),
    ...overrides,
  });
}

/** Resolves with the first `event` the client receives that passes `accept`. */
export function nextEvent<E extends EventName>(
  client: HostClient,
  event: E,
  accept: (data: EventData<E>) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<EventData<E>> {
  const register = (listener: (value: EventData<E>) => void) => client.on(event, listener);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching value within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = register((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

/** Ids of the units (avatars and agents) in a frame, leaving out projectiles and items. */
export function unitIds(frame: { ids: number[]; kinds: number[] }): number[] {
  return frame.ids.filter((_, i) => frame.kinds[i] <= 1);
}

/** One decoded snapshot as a test reads it (copied: the decoder refills its own arrays). */
export interface WatchedFrame {
  tick: number;
  /** Newest input seq the host had applied for this window; -1 none. */
  inputAck: number;
  ids: number[];
  kinds: number[];
  /** x0, y0, x1, y1, … world units. */
  xy: number[];
  /** HP as a fraction of max HP, 0..1. */
  hp: number[];
}

/** A session's player link as a test sees it: its control messages and decoded snapshots. */
export interface SnapshotWatch {
  latest: WatchedFrame | null;
  /** Control messages (`reset`, …), parsed by their schemas, oldest first. */
  control: HostControl[];
  /** Resolves with the first frame from now on (or the newest) that passes `accept`. */
  next(accept?: (frame: WatchedFrame) => boolean, timeoutMs?: number): Promise<WatchedFrame>;
  close(): void;
}

/** Opens `client`'s player link (topic `snapshots`) and decodes what it carries. */
export async function watchSnapshots(client: HostClient): Promise<SnapshotWatch> {
  let state = createClientState();
  const waiters = new Set<(frame: WatchedFrame) => void>();
  const watch: SnapshotWatch = {
    latest: null,
    control: [],
    next(accept = () => true, timeoutMs = 10_000) {
      if (watch.latest && accept(watch.latest)) return Promise.resolve(watch.latest);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching snapshot within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (frame: WatchedFrame) => {
          if (!accept(frame)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(frame);
        };
        waiters.add(waiter);
      });
    },
    close() {
      offControl();
      offState();
      client.request('unsubscribe', { topics: ['snapshots'] }).catch(() => {});
    },
  };
  const offControl = client.on('link', (text) => {
    const parsed = parseHostControl(text);
    // A message outside the control lane's schemas is a host bug: loud, not skipped.
    if (!parsed.ok) throw new Error(`the host sent a bad control message: ${parsed.error}`);
    watch.control.push(parsed.message);
    if (parsed.message.t === 'reset') state = createClientState();
  });
  const offState = client.stateLane.onBytes((bundle) => unpackBundle(bundle, decode));
  const decode = (bytes: Uint8Array) => {
    const result = decodeSnapshot(state, bytes);
    if (!result.ok || !result.snapshot) return;
    const { tick, inputAck, entities } = result.snapshot;
    const frame: WatchedFrame = { tick, inputAck, ids: [], kinds: [], xy: [], hp: [] };
    for (let row = 0; row < entities.count; row++) {
      frame.ids.push(entities.id[row]);
      frame.kinds.push(entities.kind[row]);
      frame.xy.push(entities.x[row], entities.y[row]);
      frame.hp.push(entities.hp[row]);
    }
    watch.latest = frame;
    for (const waiter of [...waiters]) waiter(frame);
  };
  await client.request('subscribe', { topics: ['snapshots'] });
  return watch;
}

/** Sends one input packet on a connection's binary lane, bundled as a window sends it. */
export function sendInputPacket(client: HostClient, packet: Uint8Array): void {
  client.stateLane.send(packBundle([packet]));
}

/** Polls `check` until it holds (a hang-catcher deadline, not a timing bound). */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The host API as a friend's own app would open it: another origin, the session token. */
export async function connectAsEditor(baseUrl: string, token: string): Promise<RpcClient> {
  const url = `${baseUrl.replace('http:', 'ws:')}api?session=${token}`;
  return rpcOverSocket(await openTestSocket(url, 'app://arbiter'));
}

/** Starts an LLM generation from `client`: its id, and its events once it ended (done or failed). */
export async function startGeneration(
  client: HostClient,
  prompt: string,
  code = '',
): Promise<{ requestId: string; done: Promise<LlmEvent[]> }> {
  const events: LlmEvent[] = [];
  let requestId = '';
  const finished = new Promise<void>((resolve) => {
    const off = client.on('llm', (event) => {
      events.push(event);
      if (event.requestId === requestId && (event.type === 'done' || event.type === 'failed')) {
        off();
        resolve();
      }
    });
  });
  ({ requestId } = await client.request('llm.generate', {
    prompt,
    code,
    language: 'javascript',
    includeMatch: false,
  }));
  return {
    requestId,
    done: finished.then(() => events.filter((e) => e.requestId === requestId)),
  };
}

/** The host key the test hosts are started with (`--host-key`). */
export const TEST_HOST_KEY = 'test-host-key-0123456789';

/** A host API client over a real WebSocket to a running host at `baseUrl` (http://host:port/). */
export async function connectRpc(baseUrl: string, hostKey = TEST_HOST_KEY): Promise<RpcClient> {
  return rpcOverSocket(
    await openTestSocket(baseUrl.replace('http:', 'ws:') + `api?key=${hostKey}`),
  );
}

/** A WebSocket once open; rejects with the server's refusal (e.g. "Unexpected server response: 403"). */
export function openTestSocket(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, origin ? { origin } : {});
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The host API client over an open socket. */
export function rpcOverSocket(socket: WebSocket): RpcClient {
  const channel: TextChannel = {
    send: (text) => socket.readyState === socket.OPEN && socket.send(text),
    onMessage: (listener) =>
      socket.on('message', (data, isBinary) => {
        if (!isBinary) listener(data.toString());
      }),
    sendBytes: (bytes) => socket.readyState === socket.OPEN && socket.send(bytes),
    onBytes: (listener) =>
      socket.on('message', (data, isBinary) => {
        if (!isBinary) return;
        const buffer = data as Buffer;
        listener(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
      }),
    onClose: (listener) => socket.on('close', (_code, reason) => listener(reason.toString())),
    close: () => socket.close(),
  };
  return createRpcClient(channel);
}

/** Starts the built headless host as a child process; resolves once it serves. */
export function spawnBuiltHost(args: string[]): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'out', 'main', 'host.js'), '--host-key', TEST_HOST_KEY, ...args],
    {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    },
  );
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (process.env.ARBITER_TEST_HOST_LOG) process.stderr.write(chunk);
    });
    child.once('exit', (code) =>
      reject(new Error(`host exited with ${code} before serving: ${err}`)),
    );
  });
  return { child, url };
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
