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
import type { EventData, EventName, HostClient } from '../../shared/hostApi';
import type { LlmEvent } from '../../shared/llmApi';
import { createRpcClient, type RpcClient } from '../../shared/rpcClient';
import type { TextChannel } from '../../shared/textChannel';
import { createHostCore, type HostCore, type HostCoreOptions } from './hostCore';
import { startHttpHost, type HttpHost, type HttpHostOptions } from './httpServer';
import { createLogger } from './logger';

export const REPO_ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');

export function createTestHostCore(overrides: Partial<HostCoreOptions> = {}): HostCore {
  return createHostCore({
    mode: 'headless',
    version: 'test',
    resourcesDir: join(REPO_ROOT, 'resources'),
    dataDir: mkdtempSync(join(tmpdir(), 'arbiter-test-host-')),
    workerUrl: new URL('./engineWorker.ts', import.meta.url),
    logger: createLogger('silent'),
    ...overrides,
  });
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

/** Ids of the units (avatars and agents) in a world frame, leaving out projectiles and items. */
export function unitIds(frame: { ids: number[]; kinds: number[] }): number[] {
  return frame.ids.filter((_, i) => frame.kinds[i] <= 1);
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
    onMessage: (listener) => socket.on('message', (data) => listener(data.toString())),
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
