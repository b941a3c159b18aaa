import { useCallback, useEffect, useState } from 'react';
import { loadDashboard, type DashboardData } from './dashboardActions';
import { InvitesTable } from './InvitesTable';
import { MetricsCharts } from './MetricsCharts';
import { PlayersTable } from './PlayersTable';
import { useDashboardStore } from './dashboardStore';
import './dashboard.css';

/** How often the players and invites are read again while the dashboard is open, ms. */
const REFRESH_MS = 2000;

/** The host's dashboard beside the arena: players, invites and the host's figures. */
export function HostDashboard() {
  const [data, setData] = useState<DashboardData | null>(null);
  const refresh = useCallback(() => {
    void loadDashboard().then((loaded) => loaded && setData(loaded));
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return (
    <aside className="host-dashboard" data-testid="dashboard" aria-label="Host dashboard">
      <header>
        <h2>Dashboard</h2>
        <button
          type="button"
          className="link-button"
          aria-label="Close the dashboard"
          onClick={() => useDashboardStore.setState({ open: false })}
        >
          ×
        </button>
      </header>
      {data ? (
        <>
          <PlayersTable data={data} onChanged={refresh} />
          <InvitesTable data={data} onChanged={refresh} />
        </>
      ) : (
        <p className="muted">Reading the players and invites…</p>
      )}
      <MetricsCharts />
    </aside>
  );
}
