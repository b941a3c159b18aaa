/**
 * Test stand-in for the Agones SDK sidecar (which ships only as a Go binary
 * and an image): a gRPC server on loopback that implements the SDK service
 * from `@google-cloud/agones-sdk`'s own generated definition
 * (lib/sdk_grpc_pb.js), records every call with its time, and plays the
 * game server's state changes (Allocated with labels) to watchers.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/* eslint-disable @typescript-eslint/no-explicit-any -- generated CommonJS without types */
const grpc = require('@grpc/grpc-js') as any;
const services = require('@google-cloud/agones-sdk/lib/sdk_grpc_pb.js') as any;
const messages = require('@google-cloud/agones-sdk/lib/sdk_pb.js') as any;

export interface SidecarCall {
  name: string;
  /** Epoch ms. */
  at: number;
}

export interface AgonesSidecar {
  port: number;
  calls: SidecarCall[];
  /** Calls of one name, in order. */
  named(name: string): SidecarCall[];
  /** Plays the allocation: state Allocated, with these annotations. */
  allocate(annotations: Record<string, string>): void;
  close(): Promise<void>;
}

export async function startAgonesSidecar(): Promise<AgonesSidecar> {
  const calls: SidecarCall[] = [];
  const record = (name: string) => calls.push({ name, at: Date.now() });
  const watchers: any[] = [];
  let state = 'Scheduled';
  let annotations: Record<string, string> = {};
  const gameServer = () => {
    const meta = new messages.GameServer.ObjectMeta();
    meta.setName('arbiter-test-gs');
    const status = new messages.GameServer.Status();
    status.setState(state);
    status.setAddress('127.0.0.1');
    const server = new messages.GameServer();
    server.setObjectMeta(meta);
    server.setStatus(status);
    // google-protobuf 4.0.1's map fields cannot serialize (jspb.Map has no serializeBinary), so
    // the annotations go in by hand: a second ObjectMeta (field 1) that merges into the first.
    const bytes = Buffer.concat([
      Buffer.from(server.serializeBinary()),
      annotationBytes(annotations),
    ]);
    server.serializeBinary = () => bytes;
    return server;
  };
  const broadcast = () => {
    for (const watcher of watchers) watcher.write(gameServer());
  };
  const unary = (name: string, change?: () => void) => (_call: unknown, done: any) => {
    record(name);
    change?.();
    done(null, new messages.Empty());
    if (change) broadcast();
  };
  const server = new grpc.Server();
  server.addService(services['agones.dev.sdk.SDK'], {
    ready: unary('Ready', () => (state = 'Ready')),
    allocate: unary('Allocate', () => (state = 'Allocated')),
    shutdown: unary('Shutdown', () => (state = 'Shutdown')),
    health(call: any, done: any) {
      call.on('data', () => record('Health'));
      call.on('end', () => done(null, new messages.Empty()));
      call.on('error', () => {});
    },
    getGameServer(_call: unknown, done: any) {
      record('GetGameServer');
      done(null, gameServer());
    },
    watchGameServer(call: any) {
      record('WatchGameServer');
      watchers.push(call);
      call.on('cancelled', () => watchers.splice(watchers.indexOf(call), 1));
      call.write(gameServer());
    },
    setLabel: unary('SetLabel'),
    setAnnotation: unary('SetAnnotation'),
    reserve: unary('Reserve'),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      'localhost:0',
      grpc.ServerCredentials.createInsecure(),
      (error: Error | null, bound: number) => (error ? reject(error) : resolve(bound)),
    ),
  );
  return {
    port,
    calls,
    named: (name) => calls.filter((call) => call.name === name),
    allocate(next) {
      annotations = next;
      state = 'Allocated';
      broadcast();
    },
    close: () =>
      new Promise((resolve) => {
        for (const watcher of watchers) watcher.end();
        server.tryShutdown(() => resolve());
      }),
  };
}

/** Protobuf wire bytes of ObjectMeta (GameServer field 1) holding only `annotations` (map field 8). */
function annotationBytes(annotations: Record<string, string>): Buffer {
  const field = (number: number, payload: Buffer) =>
    Buffer.concat([varint((number << 3) | 2), varint(payload.length), payload]);
  const entries = Object.entries(annotations).map(([key, value]) =>
    field(8, Buffer.concat([field(1, Buffer.from(key)), field(2, Buffer.from(value))])),
  );
  return entries.length ? field(1, Buffer.concat(entries)) : Buffer.alloc(0);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  bytes.push(value);
  return Buffer.from(bytes);
}
