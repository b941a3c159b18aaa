/**
 * The host's network settings: STUN/TURN servers for friends' WebRTC and
 * the UDP port range it may use. The headless host takes them as flags
 * (--ice-server, --udp-ports); the desktop app keeps them in the host's
 * settings. TURN passwords stay in the host: what a UI reads back has each
 * password replaced by PASSWORD_MASK, and a URL saved with the mask keeps
 * the password already stored for the same server.
 */
import { z } from 'zod';

/** stun:HOST[:PORT], turn:USER:PASSWORD@HOST[:PORT][?transport=udp|tcp] (stuns/turns too). */
export const ICE_SERVER_PATTERN =
  /^(stun|stuns|turn|turns):([^\s:@]+:[^\s@]*@)?[A-Za-z0-9.-]+(:\d{1,5})?(\?transport=(udp|tcp))?$/;

/** Stands for a stored TURN password in what the host shows and takes back. */
export const PASSWORD_MASK = '********';

/** Lowest and highest UDP port a range may use (below 1024 needs privileges). */
export const UDP_PORT_LIMITS = { min: 1024, max: 65535 } as const;

/** Why `url` is not a usable ICE server, or null when it is. */
export function iceServerProblem(url: string): string | null {
  if (url.length > 512 || !ICE_SERVER_PATTERN.test(url))
    return `must look like stun:HOST:PORT or turn:USER:PASSWORD@HOST:PORT, got "${url.slice(0, 80)}"`;
  const port = /:(\d{1,5})(\?|$)/.exec(url.replace(/^[a-z]+:[^@]*@/, 'x:'));
  if (port && (Number(port[1]) < 1 || Number(port[1]) > 65535))
    return `port must be 1..65535, got "${url.slice(0, 80)}"`;
  return null;
}

/** Why a port range is not usable, or null when it is. */
export function portRangeProblem(begin: number, end: number): string | null {
  const { min, max } = UDP_PORT_LIMITS;
  if (!Number.isInteger(begin) || !Number.isInteger(end)) return 'ports are whole numbers';
  if (begin < min || end > max) return `ports must be ${min}..${max}`;
  if (begin > end) return 'the first port must not be above the last';
  return null;
}

const iceServerSchema = z.string().superRefine((url, ctx) => {
  const problem = iceServerProblem(url);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const portRangeSchema = z
  .object({ begin: z.number().int(), end: z.number().int() })
  .strict()
  .superRefine((range, ctx) => {
    const problem = portRangeProblem(range.begin, range.end);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** What the host stores and `network.save` takes (a masked password keeps the stored one). */
export const networkSettingsSchema = z
  .object({
    iceServers: z.array(iceServerSchema).max(16),
    /** null: any free port. */
    udpPorts: portRangeSchema.nullable(),
  })
  .strict();

/** What `network.get` answers: passwords masked; where the settings in force came from. */
export const networkSettingsViewSchema = networkSettingsSchema.extend({
  /** 'flags': the headless host's --ice-server/--udp-ports (saved ones wait); 'saved'; 'none'. */
  source: z.enum(['flags', 'saved', 'none']),
});

export type NetworkSettings = z.output<typeof networkSettingsSchema>;
export type NetworkSettingsView = z.output<typeof networkSettingsViewSchema>;

/** `url` with its TURN password (if any) replaced by PASSWORD_MASK. */
export function maskPassword(url: string): string {
  return url.replace(/^([a-z]+:[^\s:@]+:)[^\s@]*@/, `$1${PASSWORD_MASK}@`);
}

/**
 * `url`, a masked one given back its stored password: the stored URL with
 * the same masked form. A masked URL with no stored match stays as it is
 * (and fails nothing: its password is then the mask itself, which the
 * caller refuses).
 */
export function unmaskPassword(url: string, stored: readonly string[]): string {
  if (!url.includes(`:${PASSWORD_MASK}@`)) return url;
  return stored.find((candidate) => maskPassword(candidate) === url) ?? url;
}
