import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { readRequest, type ReceivedRequest } from './received-request';
import type { Reply } from './reply';

/** Only loopback: the simulator must never be reachable from another machine. */
const LISTEN_HOST = '127.0.0.1';

/** Moves bytes between sockets and the simulator, and makes no decisions about a request. */
export class HttpTransport {
  private server?: Server;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly handle: (request: ReceivedRequest) => Reply) {}

  /** Listens on a free loopback port and returns the port. */
  async start(): Promise<number> {
    if (this.server) {
      throw new Error('The ECD simulator is already started.');
    }

    const server = createServer((message, response) => void this.onRequest(message, response));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, LISTEN_HOST, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  /** Cancels held replies, closes every connection, including hung ones, and stops listening. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
    if (!server) {
      return;
    }

    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async onRequest(message: IncomingMessage, response: ServerResponse): Promise<void> {
    let request: ReceivedRequest;
    try {
      request = await readRequest(message);
    } catch {
      // The client disconnected while sending, so no response can be delivered.
      message.socket.destroy();
      return;
    }

    let reply: Reply;
    try {
      reply = this.handle(request);
    } catch (error) {
      // A simulator bug outside any action gets a 500 with its stack, so the client does not hang.
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      reply = {
        kind: 'send',
        status: 500,
        headers: { 'content-type': 'text/plain' },
        body: detail,
      };
    }
    this.deliver(reply, response);
  }

  private deliver(reply: Reply, response: ServerResponse): void {
    switch (reply.kind) {
      case 'send':
        response.writeHead(reply.status, reply.headers);
        response.end(reply.body);
        return;
      case 'hang':
        return;
      case 'reset':
        response.socket?.destroy();
        return;
      case 'delay':
        this.schedule(reply.ms, () => {
          // The action still runs when the client gave up waiting, as on a slow real server.
          const next = reply.next();
          if (!response.destroyed) {
            this.deliver(next, response);
          }
        });
        return;
    }
  }

  private schedule(ms: number, task: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, ms);
    this.timers.add(timer);
  }
}
