/**
 * The page's Content Security Policy, in one place: the build writes it
 * into index.html's `<meta>` tag (the Electron window and any copy of the
 * page), and the headless host sends it as a header with what only a
 * header can say (`frame-ancestors`). They cannot drift apart.
 */

// Friends' data reaches the page, so it runs no inline or eval'd script. connect-src allows
// ws:/wss: because an invite may point at another host's /signal endpoint (a friend's page joins
// a host it was not served by). worker-src blob: is for Pixi's image-decoding worker; Pixi's
// shader code generation runs without eval through pixi.js/unsafe-eval (arenaRenderer.ts).
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The policy as the `<meta http-equiv>` tag carries it. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The policy as the headless host's header: the meta tag's, and no page may frame this one. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** What index.html holds where the build writes the policy. */
export const CSP_PLACEHOLDER = '__ARBITER_CONTENT_SECURITY_POLICY__';

/** index.html with the policy written into its meta tag; throws when the placeholder is missing. */
export function withContentSecurityPolicy(html: string): string {
  if (!html.includes(CSP_PLACEHOLDER)) {
    throw new Error(
      `index.html has no ${CSP_PLACEHOLDER} for the Content-Security-Policy meta tag`,
    );
  }
  return html.split(CSP_PLACEHOLDER).join(CONTENT_SECURITY_POLICY);
}
