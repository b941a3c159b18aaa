import { useEffect, useState } from 'react';
import type { FriendConnection, NetStats } from './net/friendConnection';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB/s`;

/** RTT, loss, bandwidth in/out and snapshot rate of a friend's connection. */
export function NetOverlay({ connection }: { connection: FriendConnection }) {
  const [stats, setStats] = useState<NetStats>(connection.stats());
  useEffect(() => {
    const timer = setInterval(() => setStats(connection.stats()), 1000);
    return () => clearInterval(timer);
  }, [connection]);
  return (
    <dl className="stats-overlay" data-testid="net-overlay">
      <dt>Transport</dt>
      <dd data-testid="net-transport">{stats.transport}</dd>
      <dt>RTT</dt>
      <dd>{stats.rttMs === null ? '—' : `${stats.rttMs.toFixed(0)} ms`}</dd>
      <dt>Loss</dt>
      <dd>{(stats.loss * 100).toFixed(1)} %</dd>
      <dt>In / out</dt>
      <dd>
        {kb(stats.bytesInPerSecond)} / {kb(stats.bytesOutPerSecond)}
      </dd>
      <dt>Snapshots</dt>
      <dd>{stats.snapshotsPerSecond.toFixed(1)} /s</dd>
    </dl>
  );
}
