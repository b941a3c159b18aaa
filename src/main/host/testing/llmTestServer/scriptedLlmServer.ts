/**
 * Local LLM servers for tests and benches: real HTTP servers on loopback
 * that speak the OpenAI chat-completions protocol or Anthropic's messages
 * protocol with SSE streaming, and answer from a script — a streamed text,
 * an HTTP error (401, 429 with retry-after…), a stream cut midway, or no
 * answer at all. They record every request (to check what was sent) and
 * when each answer's first byte left (to time what the editor adds).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { anthropicFraming, openAiFraming, type Framing } from './framing';

export type ScriptedReply =
  | {
      kind: 'answer';
      text: string;
      /** Characters per streamed chunk (default 24). */
      chunkSize?: number;
      chunkDelayMs?: number;
      firstByteDelayMs?: number;
      /** Drop the connection after this many chunks (a stream cut midway). */
      cutAfterChunks?: number;
    }
  | { kind: 'status'; status: number; headers?: Record<string, string>; message?: string }
  /** Accept the request and never answer (timeouts). */
  | { kind: 'hang' };

/** A reply, or a function of the request (body, headers) that picks one: e.g. an echoing proxy. */
export type ScriptEntry =
  | ScriptedReply
  | ((body: RecordedRequest['body'], headers: RecordedRequest['headers']) => ScriptedReply);

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: {
    model?: string;
    system?: string;
    messages?: Array<{ role: string; content: string }>;
    stream?: boolean;
    temperature?: number;
  };
}

export interface ScriptedLlmServer {
  /** What a provider's base URL setting should be. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** performance.timeOrigin + now() when each answer's first content byte was written. */
  readonly firstByteAt: number[];
  /** Queues replies, used in order; when the queue is empty the fallback answers. */
  script(...entries: ScriptEntry[]): void;
  setFallback(entry: ScriptEntry): void;
  close(): Promise<void>;
}

export interface ScriptedServerOptions {
  /** When set, requests without this key get a 401. */
  apiKey?: string;
  fallback?: ScriptEntry;
  port?: number;
}

export function startOpenAiTestServer(
  options: ScriptedServerOptions = {},
): Promise<ScriptedLlmServer> {
  return startScriptedServer(openAiFraming, options);
}

export function startAnthropicTestServer(
  options: ScriptedServerOptions = {},
): Promise<ScriptedLlmServer> {
  return startScriptedServer(anthropicFraming, options);
}

async function startScriptedServer(
  framing: Framing,
  options: ScriptedServerOptions,
): Promise<ScriptedLlmServer> {
  const queue: ScriptEntry[] = [];
  let fallback: ScriptEntry = options.fallback ?? {
    kind: 'status',
    status: 500,
    message: 'the test server has no scripted reply left',
  };
  const requests: RecordedRequest[] = [];
  const firstByteAt: number[] = [];
  const open = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (req.method !== 'POST' || req.url !== framing.path) {
      send(res, 404, framing.errorBody(404, `no route ${req.method} ${req.url}`));
      return;
    }
    let body: RecordedRequest['body'];
    try {
      body = JSON.parse(raw) as RecordedRequest['body'];
    } catch {
      send(res, 400, framing.errorBody(400, 'the body is not JSON'));
      return;
    }
    requests.push({ path: req.url, headers: req.headers, body });
    if (options.apiKey !== undefined && framing.keyOf(req.headers) !== options.apiKey) {
      send(res, 401, framing.errorBody(401, 'invalid API key'));
      return;
    }
    const entry = queue.shift() ?? fallback;
    const reply = typeof entry === 'function' ? entry(body, req.headers) : entry;
    if (reply.kind === 'status') {
      send(
        res,
        reply.status,
        framing.errorBody(reply.status, reply.message ?? `HTTP ${reply.status}`),
        reply.headers,
      );
      return;
    }
    if (reply.kind === 'hang') {
      open.add(res);
      res.on('close', () => open.delete(res));
      return;
    }
    await streamReply(res, reply, body.model ?? 'test-model');
  }

  async function streamReply(
    res: ServerResponse,
    reply: Extract<ScriptedReply, { kind: 'answer' }>,
    model: string,
  ): Promise<void> {
    open.add(res);
    res.on('close', () => open.delete(res));
    if (reply.firstByteDelayMs) await delay(reply.firstByteDelayMs);
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    const size = reply.chunkSize ?? 24;
    const chunks: string[] = [];
    for (let i = 0; i < reply.text.length; i += size) chunks.push(reply.text.slice(i, i + size));
    res.write(framing.start(model));
    for (let i = 0; i < chunks.length; i++) {
      if (reply.cutAfterChunks !== undefined && i >= reply.cutAfterChunks) {
        res.socket?.destroy();
        return;
      }
      if (i === 0) firstByteAt.push(performance.timeOrigin + performance.now());
      // Waits until the chunk is handed to the socket: a cut then drops only what follows.
      await new Promise<void>((resolve) =>
        res.write(framing.delta(chunks[i], model), () => resolve()),
      );
      if (reply.chunkDelayMs) await delay(reply.chunkDelayMs);
      if (res.destroyed) return;
    }
    res.end(framing.end(model));
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${framing.basePath}`,
    requests,
    firstByteAt,
    script: (...entries) => queue.push(...entries),
    setFallback: (entry) => {
      fallback = entry;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      data += chunk;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
