/**
 * A loopback HTTP and HTTPS server that writes each response by hand on the socket, so the
 * Set-Cookie bytes the browser reads are exactly the corpus's bytes (Node's http module would
 * refuse or rewrite control characters). The case is chosen by the Host header; any path works,
 * so a case can also test the default path.
 */
import net from 'node:net';
import tls from 'node:tls';
import { demoCertificate } from '../../src/demo/cert.ts';

export interface RawResponse {
  /** Raw header lines after the status line, without CRLF (e.g. "Set-Cookie: a=b"), as bytes. */
  headers: Buffer[];
  body?: string;
}

/** Returns the response for a request, or null for 404. */
export type RawHandler = (host: string, path: string, scheme: 'http' | 'https') => RawResponse | null;

export interface RawServer {
  httpPort: number;
  httpsPort: number;
  /** Every request seen, as "scheme host path" (to check what reached the server). */
  log: string[];
  close(): Promise<void>;
}

const CRLF = Buffer.from('\r\n');

function respond(socket: net.Socket, response: RawResponse | null): void {
  const body = Buffer.from(response?.body ?? (response ? 'ok' : 'not found'));
  const parts: Buffer[] = [
    Buffer.from(response ? 'HTTP/1.1 200 OK\r\n' : 'HTTP/1.1 404 Not Found\r\n'),
    Buffer.from(
      `Content-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: ${body.length}\r\n`,
    ),
  ];
  for (const h of response?.headers ?? []) parts.push(h, CRLF);
  parts.push(CRLF, body);
  socket.write(Buffer.concat(parts));
}

function serve(socket: net.Socket, scheme: 'http' | 'https', handler: RawHandler, log: string[]): void {
  let pending = Buffer.alloc(0);
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const end = pending.indexOf('\r\n\r\n');
      if (end === -1) return;
      const head = pending.subarray(0, end).toString('latin1');
      pending = pending.subarray(end + 4);
      const [requestLine, ...fields] = head.split('\r\n');
      const target = requestLine.split(' ')[1] ?? '/';
      const hostField = fields.find((f) => f.toLowerCase().startsWith('host:')) ?? 'host:';
      const host = hostField.slice(5).trim().replace(/:\d+$/, '').toLowerCase();
      const path = target.split('?')[0];
      log.push(`${scheme} ${host} ${path}`);
      let response: RawResponse | null;
      try {
        response = handler(host, path, scheme);
      } catch {
        response = null;
      }
      respond(socket, response);
    }
  });
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

export async function startRawServer(
  handler: RawHandler,
  tlsOptions?: { key: string | Buffer; cert: string | Buffer },
): Promise<RawServer> {
  const log: string[] = [];
  const credentials = tlsOptions ?? (await demoCertificate());
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const plain = net.createServer((s) => {
    track(s);
    serve(s, 'http', handler, log);
  });
  const secure = tls.createServer({ key: credentials.key, cert: credentials.cert }, (s) => {
    track(s);
    serve(s, 'https', handler, log);
  });
  secure.on('tlsClientError', () => undefined);
  const [httpPort, httpsPort] = await Promise.all([listen(plain), listen(secure)]);
  return {
    httpPort,
    httpsPort,
    log,
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise((r) => plain.close(() => r(undefined))),
        new Promise((r) => secure.close(() => r(undefined))),
      ]);
    },
  };
}
