/**
 * JSON files given to the CLI (--config, --har) may hold secrets (a HAR holds cookies and form
 * bodies): a syntax error names the line and column, never an excerpt, which V8's own message
 * includes ("Unexpected token 'x', "…secret…" is not valid JSON").
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './errors.ts';

/**
 * Reads and parses a JSON file named on the command line: "Cannot read <what> (ENOENT)" when it
 * cannot be read, otherwise as parseJsonFile (a position, never an excerpt).
 */
export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read ${what}${code ? ` (${code})` : ''}`);
  }
  return parseJsonFile(text, what);
}

/** Parses JSON; on a syntax error throws a UsageError "<what> is not valid JSON (line L, column C)". */
export function parseJsonFile(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const offset = jsonErrorOffset(text);
    if (offset === null) throw new UsageError(`${what} is not valid JSON`);
    const { line, column } = lineAndColumn(text, offset);
    throw new UsageError(`${what} is not valid JSON (line ${line}, column ${column})`);
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * Offset of the first character where `text` stops being JSON (RFC 8259), or null when it is valid
 * or nested too deep to walk (then only "not valid JSON" is said).
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const len = text.length;
  const skipSpace = () => {
    while (i < len) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
  };
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const string = () => {
    i++; // opening quote
    while (i < len) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else {
          i++;
          fail();
        }
      } else i++;
    }
    fail();
  };
  const value = (depth: number): void => {
    if (depth > 2000) throw new JsonStop(null);
    skipSpace();
    const c = text[i];
    if (c === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail();
        string();
        skipSpace();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') {
      string();
      return;
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail();
  };
  try {
    value(0);
    skipSpace();
    if (i < len) fail();
    return null;
  } catch (stop) {
    if (stop instanceof JsonStop) return stop.offset;
    return null;
  }
}

class JsonStop {
  constructor(readonly offset: number | null) {}
}
