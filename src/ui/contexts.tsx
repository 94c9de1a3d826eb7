/**
 * What a view tells the pieces inside it: that they render a self-contained document (the HTML
 * report), which site they show, and how to open "Accept risk…".
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AcceptedRisk, Finding } from '../core/index.ts';
import type { Lesson } from '../lessons/index.ts';

/**
 * Set when the components render a self-contained document (the HTML report, server-side): no
 * script will ever run in it, so everything is shown expanded, without buttons, the detected
 * framework's fix only, and the lesson texts come synchronously from here.
 */
export interface DocumentRender {
  lessonFor: (ruleId: string) => Lesson | undefined;
}

export const DocumentContext = createContext<DocumentRender | null>(null);

export function useDocument(): DocumentRender | null {
  return useContext(DocumentContext);
}

/** The site whose findings are shown (for "Accept risk…"). */
export const SiteOriginContext = createContext<string | null>(null);

/** What "Accept risk…" asks for: the finding, its cookie (null: a site finding) and its site. */
export interface AcceptRiskRequest {
  finding: Finding;
  cookie: string | null;
  origin: string;
}

/** Opens the "Accept risk…" form; absent where risks cannot be accepted (tests, documents). */
export const AcceptRiskContext = createContext<((request: AcceptRiskRequest) => void) | null>(null);

/** Turns a request and the form's answers into the settings entry. */
export function acceptedRiskFor(request: AcceptRiskRequest, reason: string, until: string): AcceptedRisk {
  return {
    rule: request.finding.rule,
    ...(request.cookie !== null ? { cookie: request.cookie } : {}),
    site: request.origin,
    reason: reason.trim(),
    ...(until ? { until } : {}),
  };
}
