import { HostApiError } from '../../../shared/hostApi';
import {
  maskPassword,
  networkSettingsSchema,
  PASSWORD_MASK,
  unmaskPassword,
  type NetworkSettings,
  type NetworkSettingsView,
} from '../../../shared/networkSettings';
import { hideFromLogs } from '../server/index';
import type { WebRtcConfig } from '../net/playerLink.webrtc';
import type { HandlerMap, HostContext } from './context';

const SETTINGS_NAME = 'network';

/** The network settings stored in the host's settings, or null (none, or no longer valid). */
export function savedNetworkSettings(context: Pick<HostContext, 'state'>): NetworkSettings | null {
  const parsed = networkSettingsSchema.safeParse(context.state.settings.get(SETTINGS_NAME));
  return parsed.success ? parsed.data : null;
}

/**
 * Puts saved network settings into `rtc` (the object every new WebRTC peer
 * reads), unless the headless host was given flags: those win. Returns
 * where the settings in force came from.
 */
export function applyNetworkSettings(
  context: Pick<HostContext, 'state' | 'options'>,
  rtc: WebRtcConfig,
): NetworkSettingsView['source'] {
  const { iceServers, udpPorts } = context.options;
  if ((iceServers?.length ?? 0) > 0 || udpPorts) return 'flags';
  const saved = savedNetworkSettings(context);
  rtc.iceServers = saved?.iceServers ?? [];
  rtc.portRangeBegin = saved?.udpPorts?.begin;
  rtc.portRangeEnd = saved?.udpPorts?.end;
  for (const url of rtc.iceServers) hideFromLogs(passwordOf(url));
  return saved ? 'saved' : 'none';
}

/**
 * Host-only: STUN/TURN servers and the UDP port range, stored in the
 * host's settings and used for every connection made after a save. TURN
 * passwords never leave the host: answers carry them masked, and a masked
 * URL sent back keeps the stored password.
 */
export function networkHandlers(context: HostContext, rtc: WebRtcConfig): HandlerMap {
  let source = applyNetworkSettings(context, rtc);
  const view = (): NetworkSettingsView => {
    const inForce: NetworkSettings = {
      iceServers: [...rtc.iceServers],
      udpPorts:
        rtc.portRangeBegin !== undefined && rtc.portRangeEnd !== undefined
          ? { begin: rtc.portRangeBegin, end: rtc.portRangeEnd }
          : null,
    };
    // With flags in force, the screen edits what is saved (used once the host runs without them).
    const shown = source === 'flags' ? (savedNetworkSettings(context) ?? inForce) : inForce;
    return { ...shown, iceServers: shown.iceServers.map(maskPassword), source };
  };
  return {
    'network.get': async () => view(),
    'network.save': async (params: { settings: NetworkSettings }) => {
      const stored = [...(savedNetworkSettings(context)?.iceServers ?? []), ...rtc.iceServers];
      const iceServers = params.settings.iceServers.map((url) => unmaskPassword(url, stored));
      if (iceServers.some((url) => url.includes(`:${PASSWORD_MASK}@`)))
        throw new HostApiError(
          'invalid_params',
          'a TURN server with a hidden password is new to this host: type its password',
        );
      const settings: NetworkSettings = { iceServers, udpPorts: params.settings.udpPorts };
      for (const url of iceServers) hideFromLogs(passwordOf(url));
      context.state.writeNow('saving the network settings', () =>
        context.state.settings.set(SETTINGS_NAME, settings, Date.now()),
      );
      source = applyNetworkSettings(context, rtc);
      context.options.logger.info(
        { iceServers: iceServers.map(maskPassword), udpPorts: settings.udpPorts, source },
        'network settings saved',
      );
      return view();
    },
  };
}

/** The TURN password inside `url`, or null. */
function passwordOf(url: string): string | null {
  return /^[a-z]+:[^\s:@]+:([^\s@]*)@/.exec(url)?.[1] ?? null;
}
