/** Operations: metrics (prom-client), health probes and the engine worker's pulse. */
export { HostMetrics } from './hostMetrics';
export type { EngineStatsInput, LlmEnd, PlayerCounts, SandboxUsage } from './hostMetrics';
export { createHostOps } from './hostOps';
export type { HostOps, HostOpsParts } from './hostOps';
export { HostHealth, EVENT_LOOP_LIMIT_MS, EVENT_LOOP_WINDOW_MS } from './health';
export type { Check, HealthReport, HealthSources } from './health';
export { metricsSnapshot } from './metricsSnapshot';
export { OPS_PATHS, serveOps } from './opsRoutes';
export type { OpsAccess } from './opsRoutes';
export { startMetricsServer } from './metricsServer';
export type { MetricsServer } from './metricsServer';
export {
  beat,
  createEngineHeartbeat,
  expectNoTicks,
  expectTicks,
  heartbeatOf,
  readHeartbeat,
} from './engineHeartbeat';
export type { EngineHeartbeat, HeartbeatReading } from './engineHeartbeat';
export { createSampleBuffer, pushSample, takeSamples } from './sampleBuffer';
export type { SampleBuffer } from './sampleBuffer';
export { createInputAckClock, inputArrived, inputsAcked } from './inputAckClock';
export type { InputAckClock } from './inputAckClock';
export { FleetMetrics } from './fleetMetrics';
export type { DirectoryTrouble } from './fleetMetrics';
