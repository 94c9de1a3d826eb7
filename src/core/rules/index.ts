/**
 * The rule registry: an explicit list (the order is the catalog order used in docs and reports).
 * Rule ids are public API: reports, ignore lists and CI configs use them.
 */
import type { RuleInfo } from '../types.ts';
import { rule as cookieMissingHttponly } from './cookie-missing-httponly.ts';
import { rule as cookieMissingSecure } from './cookie-missing-secure.ts';
import { rule as cookieTooLarge } from './cookie-too-large.ts';
import { rule as csrfMissingSamesite } from './csrf-missing-samesite.ts';
import { rule as csrfMissingSecure } from './csrf-missing-secure.ts';
import { rule as domainRejected } from './domain-rejected.ts';
import { rule as domainTooBroad } from './domain-too-broad.ts';
import { rule as expiryOver400Days } from './expiry-over-400-days.ts';
import { rule as hstsDisabled } from './hsts-disabled.ts';
import { rule as hstsInvalid } from './hsts-invalid.ts';
import { rule as hstsMissing } from './hsts-missing.ts';
import { rule as hstsNoPreload } from './hsts-no-preload.ts';
import { rule as hstsNoSubdomains } from './hsts-no-subdomains.ts';
import { rule as hstsShort } from './hsts-short.ts';
import { rule as httpsRedirectInsecureHop } from './https-redirect-insecure-hop.ts';
import { rule as httpsRedirectMissing } from './https-redirect-missing.ts';
import { rule as httpsRedirectOffHost } from './https-redirect-off-host.ts';
import { rule as identityInPlainCookie } from './identity-in-plain-cookie.ts';
import { rule as mixedHttpHttps } from './mixed-http-https.ts';
import { rule as namelessCookie } from './nameless-cookie.ts';
import { rule as partitionedInsecure } from './partitioned-insecure.ts';
import { rule as prefixHostInvalid } from './prefix-host-invalid.ts';
import { rule as prefixHttpInvalid } from './prefix-http-invalid.ts';
import { rule as prefixSecureInvalid } from './prefix-secure-invalid.ts';
import { rule as samesiteInvalid } from './samesite-invalid.ts';
import { rule as samesiteNoneInsecure } from './samesite-none-insecure.ts';
import { rule as secureCookieOverHttp } from './secure-cookie-over-http.ts';
import { rule as sessionClientReadable } from './session-client-readable.ts';
import { rule as sessionDefaultName } from './session-default-name.ts';
import { rule as sessionEvictionRisk } from './session-eviction-risk.ts';
import { rule as sessionInUrl } from './session-in-url.ts';
import { rule as sessionJwtUnsigned } from './session-jwt-unsigned.ts';
import { rule as sessionLongLived } from './session-long-lived.ts';
import { rule as sessionLowEntropy } from './session-low-entropy.ts';
import { rule as sessionMissingHttponly } from './session-missing-httponly.ts';
import { rule as sessionMissingSamesite } from './session-missing-samesite.ts';
import { rule as sessionMissingSecure } from './session-missing-secure.ts';
import { rule as sessionNoPrefix } from './session-no-prefix.ts';
import { rule as sessionNotRotatedOnLogin } from './session-not-rotated-on-login.ts';
import { rule as sessionSamesiteNone } from './session-samesite-none.ts';
import { rule as sessionSentOverHttp } from './session-sent-over-http.ts';
import { rule as sessionSetOverHttp } from './session-set-over-http.ts';
import type { Rule } from './types.ts';

export type { AuditCookie, CookieRule, RawFinding, Rule, SiteFacts, SiteRule } from './types.ts';

export const RULES: readonly Rule[] = [
  sessionMissingSecure,
  sessionMissingHttponly,
  sessionMissingSamesite,
  sessionSamesiteNone,
  sessionSetOverHttp,
  sessionSentOverHttp,
  sessionLongLived,
  sessionLowEntropy,
  sessionNotRotatedOnLogin,
  sessionClientReadable,
  sessionJwtUnsigned,
  sessionInUrl,
  sessionDefaultName,
  sessionNoPrefix,
  sessionEvictionRisk,
  identityInPlainCookie,
  csrfMissingSecure,
  csrfMissingSamesite,
  cookieMissingSecure,
  cookieMissingHttponly,
  samesiteInvalid,
  samesiteNoneInsecure,
  prefixSecureInvalid,
  prefixHostInvalid,
  prefixHttpInvalid,
  domainTooBroad,
  domainRejected,
  expiryOver400Days,
  cookieTooLarge,
  partitionedInsecure,
  namelessCookie,
  secureCookieOverHttp,
  hstsMissing,
  hstsShort,
  hstsDisabled,
  hstsInvalid,
  hstsNoSubdomains,
  hstsNoPreload,
  httpsRedirectMissing,
  httpsRedirectInsecureHop,
  httpsRedirectOffHost,
  mixedHttpHttps,
];

const BY_ID = new Map<string, Rule>(RULES.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** The catalog for `cookie-audit --rules`: id, default severity, title, scope. */
export function listRules(): RuleInfo[] {
  return RULES.map((r) => ({ id: r.id, severity: r.defaultSeverity, title: r.title, scope: r.scope }));
}
