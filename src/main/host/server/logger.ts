/**
 * The host's structured logs: pino, one JSON line per event on stderr (so
 * stdout stays for what a person must read, the URL), or readable lines
 * when stderr is a terminal. No line ever carries a secret: known secret
 * fields are censored, and every line is scrubbed of the secrets the host
 * handed out or was given (host key, LLM key, players' tokens, invite codes)
 * and of secret-looking URL parameters.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';

export type { Logger };

/** The levels `--log-level` takes, most severe first. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const CENSOR = '[redacted]';
/** Field names that hold secrets wherever they appear (top level or one level down). */
const SECRET_FIELDS = ['token', 'session', 'invite', 'key', 'apiKey', 'hostKey', 'authorization'];
const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]);
/** `?key=…`, `&session=…`, `#host=…`, `#invite=…` in any URL a line quotes. */
const SECRET_PARAMS = /([?&#](?:key|session|invite|token|host)=)[^&\s"'\\]+/g;
/** Most secrets remembered; the oldest are forgotten first (a token from long ago is long gone from any message). */
const MAX_SECRETS = 1024;
const secrets = new Set<string>();

/** Never lets `secret` reach a log line (from now on, for this process). Short strings are ignored. */
export function hideFromLogs(secret: string | null | undefined): void {
  if (!secret || secret.length < 8 || secrets.has(secret)) return;
  secrets.add(secret);
  if (secrets.size > MAX_SECRETS) secrets.delete(secrets.values().next().value!);
}

/** A log line with every known secret and secret URL parameter replaced. */
export function scrubSecrets(line: string): string {
  let out = line.replace(SECRET_PARAMS, `$1${CENSOR}`);
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(CENSOR);
  return out;
}

export interface LoggerOptions {
  /** Where lines go (tests capture them); default stderr. */
  destination?: DestinationStream;
  /** Readable lines instead of JSON; default: when stderr is a terminal. */
  pretty?: boolean;
}

/** A logger at `level` (default ARBITER_LOG_LEVEL, else info). */
export function createLogger(
  level: string = process.env.ARBITER_LOG_LEVEL ?? 'info',
  options: LoggerOptions = {},
): Logger {
  const pretty = options.pretty ?? (!options.destination && process.stderr.isTTY === true);
  const destination =
    options.destination ??
    (pretty
      ? pinoPretty({ destination: 2, sync: true, ignore: 'pid,hostname,name' })
      : pino.destination(2));
  return pino(
    {
      name: 'arbiter',
      level,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      hooks: { streamWrite: scrubSecrets },
    },
    destination,
  );
}
