/**
 * The few web-platform globals the engine uses, which every runtime it runs in (browsers, Node,
 * Deno, workers) provides: the WHATWG URL and the Encoding API. src/core/tsconfig.json compiles the
 * engine with no DOM and no Node types, so anything else (fetch, document, process, Buffer …) does
 * not compile here.
 */
interface URLSearchParams {
  get(name: string): string | null;
  has(name: string): boolean;
  keys(): IterableIterator<string>;
  entries(): IterableIterator<[string, string]>;
  [Symbol.iterator](): IterableIterator<[string, string]>;
  toString(): string;
}

interface URL {
  hash: string;
  host: string;
  hostname: string;
  href: string;
  readonly origin: string;
  password: string;
  pathname: string;
  port: string;
  protocol: string;
  search: string;
  readonly searchParams: URLSearchParams;
  username: string;
  toString(): string;
}

declare var URL: {
  prototype: URL;
  new (url: string, base?: string | URL): URL;
};

interface TextEncoder {
  encode(input?: string): Uint8Array;
}
declare var TextEncoder: { prototype: TextEncoder; new (): TextEncoder };

interface TextDecoder {
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare var TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};
