import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_HEADER,
  withContentSecurityPolicy,
} from '../../../shared/contentSecurityPolicy';

const metaPolicy = (html: string) =>
  /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];

describe("the page's Content Security Policy", () => {
  it("is written into index.html's meta tag from the one definition the host's header uses", () => {
    const source = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const built = withContentSecurityPolicy(source);
    expect(metaPolicy(built)).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY_HEADER).toBe(`${metaPolicy(built)}; frame-ancestors 'none'`);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|frame-ancestors/);
  });

  it('refuses a page that lost the placeholder instead of shipping it without a policy', () => {
    expect(() => withContentSecurityPolicy('<!doctype html><title>x</title>')).toThrow(
      /Content-Security-Policy/,
    );
  });
});
