/** The grade letter in a ring filled in proportion to the score. */
import type { JSX } from 'preact';
import type { Grade } from '../core/index.ts';
import { gradeTone } from './model.ts';

const RING = 2 * Math.PI * 22;

/** Grade letter inside a ring filled in proportion to the score (capped at 100). */
export function GradeGauge({ grade, score }: { grade: Grade | null; score: number | null }): JSX.Element {
  if (grade === null || score === null) {
    return (
      <div class="gauge tone-none" role="img" aria-label="Not graded">
        <svg viewBox="0 0 52 52" aria-hidden="true" width="52" height="52">
          <circle class="gauge-track" cx="26" cy="26" r="22" />
        </svg>
        <span class="gauge-letter" aria-hidden="true">
          ?
        </span>
      </div>
    );
  }
  const fraction = Math.max(0, Math.min(1, score / 100));
  return (
    <div class={`gauge tone-${gradeTone(grade)}`} role="img" aria-label={`Grade ${grade}, score ${score}`}>
      <svg viewBox="0 0 52 52" aria-hidden="true" width="52" height="52">
        <circle class="gauge-track" cx="26" cy="26" r="22" />
        {fraction > 0 ? (
          <circle
            class="gauge-fill"
            cx="26"
            cy="26"
            r="22"
            stroke-dasharray={`${(fraction * RING).toFixed(1)} ${RING.toFixed(1)}`}
            transform="rotate(-90 26 26)"
          />
        ) : null}
      </svg>
      <span class="gauge-letter" aria-hidden="true">
        {grade}
      </span>
    </div>
  );
}
