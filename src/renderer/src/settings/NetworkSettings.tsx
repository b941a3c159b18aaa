import { useEffect, useState } from 'react';
import {
  iceServerProblem,
  portRangeProblem,
  type NetworkSettingsView,
} from '../../../shared/networkSettings';
import { attempt } from '../hostActions';
import { showToast } from '../Toast';

/**
 * STUN/TURN servers and the UDP port range friends' WebRTC uses, stored
 * in the host's settings. TURN passwords come back masked; leaving the
 * mask as it is keeps the stored password.
 */
export function NetworkSettings() {
  const [view, setView] = useState<NetworkSettingsView | null>(null);
  const [servers, setServers] = useState('');
  const [ports, setPorts] = useState({ begin: '', end: '' });
  const [busy, setBusy] = useState(false);

  const show = (loaded: NetworkSettingsView) => {
    setView(loaded);
    setServers(loaded.iceServers.join('\n'));
    setPorts({
      begin: loaded.udpPorts ? String(loaded.udpPorts.begin) : '',
      end: loaded.udpPorts ? String(loaded.udpPorts.end) : '',
    });
  };
  useEffect(() => {
    void attempt('Could not read the network settings', (client) =>
      client.request('network.get', {}),
    ).then((loaded) => loaded && show(loaded));
  }, []);

  const urls = servers
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const serverProblem = urls.map(iceServerProblem).find((problem) => problem !== null) ?? null;
  const anyPort = ports.begin.trim() === '' && ports.end.trim() === '';
  const portProblem = anyPort
    ? null
    : portRangeProblem(Number(ports.begin || Number.NaN), Number(ports.end || Number.NaN));

  const onSave = async () => {
    setBusy(true);
    try {
      const saved = await attempt('Could not save the network settings', (client) =>
        client.request('network.save', {
          settings: {
            iceServers: urls,
            udpPorts: anyPort ? null : { begin: Number(ports.begin), end: Number(ports.end) },
          },
        }),
      );
      if (saved) {
        show(saved);
        showToast('Network settings saved: friends who connect from now on use them');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="network-settings" data-testid="network-settings">
      <summary>Network (STUN/TURN servers, UDP ports)</summary>
      {view?.source === 'flags' && (
        <p className="muted">
          This host was started with --ice-server/--udp-ports: those are in force; what you save
          here is used when it starts without them.
        </p>
      )}
      <label htmlFor="ice-servers">
        STUN/TURN servers, one per line (stun:HOST:PORT or turn:USER:PASSWORD@HOST:PORT)
      </label>
      <textarea
        id="ice-servers"
        data-testid="ice-servers"
        value={servers}
        spellCheck={false}
        placeholder="stun:stun.example.org:3478"
        aria-invalid={serverProblem ? true : undefined}
        onChange={(event) => setServers(event.target.value)}
      />
      {serverProblem && (
        <span className="field-error" role="alert" data-testid="error-ice-servers">
          {serverProblem}
        </span>
      )}
      <p className="muted">
        TURN passwords stay on this host: a saved one shows as ********; leave it so to keep it.
      </p>
      <div className="settings-input">
        <label htmlFor="udp-begin">UDP ports</label>
        <input
          id="udp-begin"
          data-testid="udp-begin"
          type="number"
          placeholder="any"
          value={ports.begin}
          aria-invalid={portProblem ? true : undefined}
          onChange={(event) => setPorts({ ...ports, begin: event.target.value })}
        />
        <span>to</span>
        <input
          aria-label="Last UDP port"
          data-testid="udp-end"
          type="number"
          placeholder="any"
          value={ports.end}
          aria-invalid={portProblem ? true : undefined}
          onChange={(event) => setPorts({ ...ports, end: event.target.value })}
        />
        {portProblem && (
          <span className="field-error" role="alert" data-testid="error-udp-ports">
            {portProblem}
          </span>
        )}
      </div>
      <div>
        <button
          type="button"
          data-testid="network-save"
          disabled={busy || serverProblem !== null || portProblem !== null}
          onClick={() => void onSave()}
        >
          Save network settings
        </button>
      </div>
    </details>
  );
}
