import type { Grade } from '../core/index.ts';

/** Badge colours by grade family: green for A, amber for B/C, red for D/F. */
export function badgeColor(grade: Grade): string {
  switch (grade[0]) {
    case 'A':
      return '#1a7f37';
    case 'B':
      return '#9a6700';
    case 'C':
      return '#bc4c00';
    case 'D':
      return '#cf222e';
    default:
      return '#a40e26';
  }
}

/** Shown while a web page has been seen but nothing about its cookies yet. */
export const WAITING_BADGE = { text: '…', color: '#6e7781' } as const;
