import { metricsSnapshot } from '../metrics/index';
import type { HandlerMap, HostContext } from './context';

/** metrics.snapshot: the figures `/metrics` serves, as JSON, for the host dashboard. */
export function metricsHandlers(context: HostContext): HandlerMap {
  return { 'metrics.snapshot': async () => metricsSnapshot(context.metrics) };
}
