/**
 * WebRTC behind NAT: a host in a cluster or behind a router knows only its
 * private addresses, so its ICE host candidates point where no browser
 * outside can reach. With `--public-ip` (or the address Agones gives the
 * game server), private host candidates of the same address family are
 * rewritten to the public address, keeping their ports: with `--udp-ports`
 * on a one-port range and Agones's Passthrough policy the public port is the
 * same port. Other candidates (public, srflx, relay, mDNS) pass unchanged.
 */
import { isIP } from 'node:net';

/** True for loopback, RFC 1918, CGNAT (100.64/10), link-local and IPv6 unique-local addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) {
    const [a, b] = address.split('.').map(Number);
    return (
      a === 10 ||
      a === 127 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (family === 6) {
    const lower = address.toLowerCase();
    return lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
  }
  return false;
}

/**
 * One candidate line (`candidate:…` or `a=candidate:…`) with a private host
 * address replaced by `publicIp`; any other line comes back unchanged.
 */
export function rewriteHostCandidate(line: string, publicIp: string): string {
  const match = /^((?:a=)?candidate:\S+ \d+ \S+ \d+ )(\S+)( \d+ typ host\b.*)$/s.exec(line);
  if (!match) return line;
  const address = match[2];
  if (!isPrivateAddress(address) || isIP(address) !== isIP(publicIp)) return line;
  return `${match[1]}${publicIp}${match[3]}`;
}

/** Every candidate line of an SDP rewritten as `rewriteHostCandidate` does. */
export function rewriteSdpCandidates(sdp: string, publicIp: string): string {
  return sdp
    .split('\r\n')
    .map((line) => rewriteHostCandidate(line, publicIp))
    .join('\r\n');
}
