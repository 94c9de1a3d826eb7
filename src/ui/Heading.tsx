/** A heading whose level the caller picks, so a piece reads right in the popup and in the report. */
import type { ComponentChildren, JSX } from 'preact';

export type HeadingLevel = 1 | 2 | 3 | 4;

export function Heading(props: {
  level: HeadingLevel;
  id?: string;
  class?: string;
  children: ComponentChildren;
}): JSX.Element {
  const { level, children, ...rest } = props;
  if (level === 1) return <h1 {...rest}>{children}</h1>;
  if (level === 2) return <h2 {...rest}>{children}</h2>;
  if (level === 3) return <h3 {...rest}>{children}</h3>;
  return <h4 {...rest}>{children}</h4>;
}
