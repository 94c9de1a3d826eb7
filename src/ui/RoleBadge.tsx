/** A cookie's role (session, CSRF, infrastructure, tracking …) as a badge. */
import type { JSX } from 'preact';
import type { CookieRole } from '../core/index.ts';
import { ROLE_LABELS } from './model.ts';

export function RoleBadge({ role }: { role: CookieRole }): JSX.Element {
  return <span class={`badge role role-${role}`}>{ROLE_LABELS[role] ?? role}</span>;
}
