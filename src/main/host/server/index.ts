/**
 * The host as a server: the headless entry (cli.ts, a build entry that is
 * never imported) and its flags, HTTP and WebSocket on one port (the built
 * UI, the host API, signaling), the RPC session over any text channel, the
 * security headers, where the built app's parts live, and the structured
 * logs every room writes to. What other rooms may use is named here.
 */
export { appPathsFrom } from './appPaths';
export type { AppPaths } from './appPaths';
export { HOST_USAGE, parseHostArgs } from './cliArgs';
export type { HostArgs } from './cliArgs';
export { startHttpHost } from './httpServer';
export type { HttpHost, HttpHostOptions } from './httpServer';
export { serveRpc } from './rpcServer';
export type { RejectCounters, SessionOpener } from './rpcServer';
export { LOG_LEVELS, createLogger, hideFromLogs, scrubSecrets } from './logger';
export type { LogLevel, Logger, LoggerOptions } from './logger';
