/**
 * The host's side of the Redis directory (ioredis): it writes its own entry
 * (host and matches) every `refreshMs` with a TTL, reads everyone's entries
 * for a lobby, and removes its entry when it stops. Nothing here is awaited
 * by a tick: the engine runs in its worker, and every Redis call is bounded
 * by a command timeout, so a slow or absent Redis costs only directory
 * updates (logged once per outage, counted, retried with backoff).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../server/index';
import type { FleetMetrics } from '../metrics/index';
import {
  DIRECTORY_FORMAT,
  HOST_KEY_PREFIX,
  hostKey,
  parseHostEntry,
  type HostEntry,
} from './directoryEntry';

/** What the host reports about itself at each refresh. */
export type HostReport = Omit<HostEntry, 'format' | 'id' | 'instance'>;

export interface DirectoryOptions {
  /** redis://[user:password@]host:port[/db] */
  url: string;
  hostId: string;
  /** How long an entry lives without a refresh, ms (default 6000). */
  ttlMs?: number;
  /** How often the entry is rewritten, ms (default 2000). */
  refreshMs?: number;
  /** Longest wait for one Redis answer, ms (default 1000). */
  commandTimeoutMs?: number;
  logger: Logger;
  metrics: FleetMetrics;
}

/** Thrown by `list` while Redis cannot be read. */
export class DirectoryUnavailable extends Error {}

/** Longest pause between reconnection attempts, ms. */
const MAX_BACKOFF_MS = 5000;

// Writes the entry unless another live process holds this host id: a colliding
// host must never overwrite (or later delete) the first one's entry.
const CLAIM_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, held = pcall(cjson.decode, current)
  if ok and type(held) == 'table' and held.instance ~= ARGV[2] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1`;

const RELEASE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local ok, held = pcall(cjson.decode, current)
if ok and type(held) == 'table' and held.instance == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

type ScriptedRedis = Redis & {
  claimHost(key: string, value: string, instance: string, ttlMs: number): Promise<number>;
  releaseHost(key: string, instance: string): Promise<number>;
};

/** Opens the ioredis client the directory and reservations share (never throws; it connects in the background). */
export function openRedis(
  url: string,
  commandTimeoutMs: number,
  onTrouble: (error: Error) => void,
) {
  const redis = new Redis(url, {
    lazyConnect: false,
    // A command while disconnected fails at once instead of queueing behind the outage.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 10), MAX_BACKOFF_MS),
  });
  redis.on('error', onTrouble);
  return redis;
}

export class RedisDirectory {
  /** This process's mark in its entry: tells it from another host that took the same id. */
  readonly instance = randomBytes(12).toString('base64url');
  readonly redis: ScriptedRedis;
  private readonly ttlMs: number;
  private readonly refreshMs: number;
  private timer: NodeJS.Timeout | null = null;
  private writing = false;
  private outage = false;
  private collided = false;
  private stopped = false;
  private readonly badKeys = new Set<string>();

  constructor(private readonly options: DirectoryOptions) {
    this.ttlMs = options.ttlMs ?? 6000;
    this.refreshMs = options.refreshMs ?? 2000;
    this.redis = openRedis(options.url, options.commandTimeoutMs ?? 1000, (error) =>
      this.troubled('connection', error),
    ) as ScriptedRedis;
    this.redis.defineCommand('claimHost', { numberOfKeys: 1, lua: CLAIM_SCRIPT });
    this.redis.defineCommand('releaseHost', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
  }

  get hostId(): string {
    return this.options.hostId;
  }

  /** Writes the entry now and every `refreshMs`; `report` is read at each write. */
  start(report: () => HostReport): void {
    const tick = () => void this.refresh(report);
    // Registered as soon as the connection is up, and again after every reconnect (a
    // restarted Redis has lost the entry), not only at the next period.
    this.redis.on('ready', tick);
    tick();
    this.timer = setInterval(tick, this.refreshMs);
    this.timer.unref();
  }

  /**
   * One write of the entry; skipped while the previous one is still out, so a
   * slow Redis never piles up writes. Resolves true when the entry was written.
   */
  async refresh(report: () => HostReport): Promise<boolean> {
    if (this.writing || this.stopped) return false;
    this.writing = true;
    try {
      const entry: HostEntry = {
        format: DIRECTORY_FORMAT,
        id: this.options.hostId,
        instance: this.instance,
        ...report(),
      };
      const claimed = await this.redis.claimHost(
        hostKey(entry.id),
        JSON.stringify(entry),
        this.instance,
        this.ttlMs,
      );
      this.recovered();
      if (claimed === 0) {
        if (!this.collided)
          this.options.logger.error(
            { hostId: entry.id },
            'another live host holds this host id in the directory; this host stays out of it until that one leaves (give each host its own --host-id)',
          );
        this.collided = true;
        this.options.metrics.directoryTrouble('host_id_collision');
        return false;
      }
      this.collided = false;
      this.options.metrics.directoryWrite(true);
      return true;
    } catch (error) {
      this.options.metrics.directoryWrite(false);
      this.options.metrics.directoryTrouble('write_failed');
      this.troubled('write', error as Error);
      return false;
    } finally {
      this.writing = false;
    }
  }

  /** Resolves once connected to Redis; rejects after `timeoutMs`. */
  connected(timeoutMs = 10_000): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        reject(new Error(`Redis not reachable within ${timeoutMs} ms`));
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      this.redis.once('ready', onReady);
    });
  }

  /** Every readable host entry; entries of another format or malformed are skipped, logged once and counted. */
  async list(): Promise<HostEntry[]> {
    let texts: Array<[string, string | null]>;
    try {
      const keys: string[] = [];
      let cursor = '0';
      // Bounded: a directory of a few thousand hosts is a few rounds.
      for (let round = 0; round < 100; round++) {
        const [next, found] = await this.redis.scan(
          cursor,
          'MATCH',
          `${HOST_KEY_PREFIX}*`,
          'COUNT',
          1000,
        );
        keys.push(...found);
        cursor = next;
        if (cursor === '0') break;
      }
      const values = keys.length ? await this.redis.mget(...keys) : [];
      texts = keys.map((key, i) => [key, values[i] ?? null]);
    } catch (error) {
      this.options.metrics.directoryTrouble('read_failed');
      this.troubled('read', error as Error);
      throw new DirectoryUnavailable(
        `the directory cannot be read now (${(error as Error).message})`,
      );
    }
    const entries: HostEntry[] = [];
    for (const [key, text] of texts) {
      if (text === null) continue; // expired between SCAN and MGET
      const parsed = parseHostEntry(text);
      if (parsed.ok) {
        entries.push(parsed.entry);
        continue;
      }
      this.options.metrics.directoryTrouble('bad_entry');
      if (!this.badKeys.has(key)) {
        this.badKeys.add(key);
        this.options.logger.warn({ key, reason: parsed.reason }, 'directory entry skipped');
      }
    }
    return entries;
  }

  /** Stops refreshing, removes this host's own entry (not a colliding host's) and disconnects. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    try {
      await this.redis.releaseHost(hostKey(this.options.hostId), this.instance);
    } catch (error) {
      // The TTL removes it soon anyway.
      this.troubled('remove', error as Error);
    }
    this.redis.disconnect();
  }

  private troubled(what: string, error: Error): void {
    if (this.outage || this.stopped) return;
    this.outage = true;
    this.options.logger.warn(
      { err: error.message, what },
      'directory unavailable: matches go on, directory updates retry with backoff',
    );
  }

  private recovered(): void {
    if (!this.outage) return;
    this.outage = false;
    this.options.logger.info('directory reachable again');
  }
}
