/**
 * Per-author sandbox figures as the `behaviors` event reports them. The
 * sandbox owns what it measures; this only reads, and takes whichever of
 * two shapes it finds: a list of authors (`authors: [{ author, cpuMs,
 * memoryBytes }]`) or per-behavior entries that name their author. A field
 * that is absent is simply not reported.
 */
import type { SandboxUsage } from './hostMetrics';

type Row = { author?: unknown; cpuMs?: unknown; memoryBytes?: unknown };

const numberOrUndefined = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** Author → usage; empty when the event carries no such figures. */
export function sandboxUsageOf(event: unknown): Map<string, SandboxUsage> {
  const usage = new Map<string, SandboxUsage>();
  const data = event as { authors?: unknown; behaviors?: unknown };
  const rows = (Array.isArray(data?.authors) ? data.authors : data?.behaviors) as Row[] | undefined;
  if (!Array.isArray(rows)) return usage;
  for (const row of rows) {
    if (typeof row?.author !== 'string') continue;
    const cpuMs = numberOrUndefined(row.cpuMs);
    const memoryBytes = numberOrUndefined(row.memoryBytes);
    if (cpuMs === undefined && memoryBytes === undefined) continue;
    // Behaviors of one author share its runtime: the same figures, so the last one stands.
    usage.set(row.author, { cpuMs, memoryBytes });
  }
  return usage;
}
