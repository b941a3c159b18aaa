import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured logs go to stderr so stdout stays for what a person must read (the URL). */
export function createLogger(level: string = process.env.ARBITER_LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: 'arbiter', level }, pino.destination(2));
}
