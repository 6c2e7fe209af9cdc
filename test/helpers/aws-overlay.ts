import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A CloudFormation Query API call as it reaches the endpoint (`Action=DescribeStacks&StackName=…`). */
export interface QueryCall {
  readonly action: string;
  readonly params: URLSearchParams;
}

/**
 * Turns moto's real answer to a call into the one AWS gives in a state moto cannot reach (a stack in
 * ROLLBACK_COMPLETE) or to a call moto does not implement (ContinueUpdateRollback): returns the body
 * to send instead (with status 200), or undefined to pass moto's answer through.
 */
export type Overlay = (call: QueryCall, motoBody: string) => string | undefined;

/**
 * A loopback HTTP endpoint in front of moto_server: every request goes to moto, and the overlay may
 * rewrite the answers to CloudFormation Query calls. The SDK and the CLI talk to it as to AWS.
 */
export interface OverlayEndpoint {
  readonly endpoint: string;
  /** The Query API calls seen (CloudFormation, STS), in order. */
  readonly calls: QueryCall[];
  /** Every request seen (any service), as `METHOD path`. */
  readonly requests: string[];
  overlay: Overlay | undefined;
  close(): Promise<void>;
}

const body = (req: IncomingMessage): Promise<Buffer> => new Promise((res, rej) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => res(Buffer.concat(chunks)));
  req.on('error', rej);
});

export async function overlayEndpoint(motoEndpoint: string): Promise<OverlayEndpoint> {
  const target = new URL(motoEndpoint);
  const state: OverlayEndpoint = {
    endpoint: '', calls: [], requests: [], overlay: undefined,
    close: () => new Promise((res) => server.close(() => res())),
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const data = await body(req);
      const form = /x-www-form-urlencoded/.test(String(req.headers['content-type'] ?? '')) ? new URLSearchParams(data.toString('utf8')) : undefined;
      const call = form?.get('Action') ? { action: form.get('Action')!, params: form } : undefined;
      if (call) state.calls.push(call);
      state.requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
      const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (up) => {
        void (async () => {
          const answer = await body(up);
          const replaced = call && state.overlay ? state.overlay(call, answer.toString('utf8')) : undefined;
          const headers = { ...up.headers };
          if (replaced !== undefined) {
            delete headers['content-length'];
            headers['content-length'] = String(Buffer.byteLength(replaced));
          }
          res.writeHead(replaced !== undefined ? 200 : up.statusCode ?? 500, headers);
          res.end(replaced ?? answer);
        })();
      });
      upstream.on('error', (err) => {
        res.writeHead(502);
        res.end(String(err));
      });
      upstream.end(data);
    })();
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  (state as { endpoint: string }).endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
