import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import { WebSocket, WebSocketServer } from 'ws';

import { type SocketAck, SocketDeliveries, type EnvelopeType, type DeliveryRecord } from './socket-deliveries';
import { systemClock, type Clock } from './types';

export type { DeliveryRecord, EnvelopeType, SocketAck } from './socket-deliveries';
export { SocketModeNotAckedError } from './socket-deliveries';

export interface SocketModeSimulatorOptions {
  appId?: string;
  /** How long Slack waits for an ack before it gives up on an envelope; Slack uses 3 s. */
  ackTimeoutMs?: number;
  /** Interval of the server's pings; `@slack/socket-mode` disconnects after 30 s without one. */
  pingIntervalMs?: number;
  clock?: Clock;
}

export interface EnvelopeOptions {
  retryAttempt?: number;
  retryReason?: string;
  acceptsResponsePayload?: boolean;
}

const HOST = 'applink-simulator-1';

/** How long `stop()` waits for a client to complete the close handshake before cutting it off. */
const CLOSE_GRACE_MS = 1000;

function closeGracefully(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const cutOff = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
    socket.once('close', () => {
      clearTimeout(cutOff);
      resolve();
    });
    if (socket.readyState === WebSocket.OPEN) socket.close(1001, 'going away');
  });
}

/** A Socket Mode endpoint: the WebSocket server that `apps.connections.open` points to. */
export class SocketModeSimulator {
  readonly appId: string;
  private readonly pingIntervalMs: number;
  private readonly clock: Clock;
  private readonly server: Server;
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly connections: WebSocket[] = [];
  private readonly deliveryLog: SocketDeliveries;
  private nextConnection = 0;
  private port?: number;

  constructor(options: SocketModeSimulatorOptions = {}) {
    this.appId = options.appId ?? 'A0CENVERIFY';
    this.pingIntervalMs = options.pingIntervalMs ?? 10_000;
    this.clock = options.clock ?? systemClock;
    this.deliveryLog = new SocketDeliveries(options.ackTimeoutMs ?? 3000, this.clock);
    this.server = createServer((_request, response) => response.writeHead(404).end());
    this.server.on('upgrade', (request, socket, head) => this.upgrade(request, socket, head));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Closes every connection with a close handshake (1001, going away) and stops listening. */
  async stop(): Promise<void> {
    this.deliveryLog.abandonAll();
    await Promise.all([...this.connections].map((socket) => closeGracefully(socket)));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Issues a one-time WebSocket URL, as `apps.connections.open` returns it. */
  connectionUrl(): string {
    if (this.port === undefined) throw new Error('SocketModeSimulator is not started: call start() first');
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `ws://127.0.0.1:${this.port}/link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  openConnections(): number {
    return this.connections.filter((socket) => socket.readyState === WebSocket.OPEN).length;
  }

  /** Resolves once at least `count` connections are open and greeted. */
  async waitForConnections(count = 1, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.openConnections() < count) {
      if (Date.now() > deadline) throw new Error(`no ${count} open Socket Mode connection(s) within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Sends one envelope to one open connection (in turn, as Slack spreads payloads) and resolves
   * with the app's ack. Rejects with `SocketModeNotAckedError` when no ack comes in time.
   */
  async deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    options: EnvelopeOptions = {},
  ): Promise<SocketAck> {
    const socket = this.pickConnection();
    // Slack retries only Events API envelopes, so only they carry the retry fields.
    const retry = { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' };
    const envelope = {
      envelope_id: randomUUID(),
      type,
      payload,
      accepts_response_payload: options.acceptsResponsePayload ?? type !== 'events_api',
      ...(type === 'events_api' ? retry : {}),
    };
    const acked = this.deliveryLog.expect(envelope.envelope_id, type, payload);
    socket.send(JSON.stringify(envelope));
    return acked;
  }

  /** Asks every connection to reconnect, as Slack does before it refreshes a connection. */
  sendDisconnect(reason = 'refresh_requested'): void {
    const message = JSON.stringify({ type: 'disconnect', reason, debug_info: { host: HOST } });
    for (const socket of this.connections) {
      if (socket.readyState === WebSocket.OPEN) socket.send(message);
    }
  }

  deliveries(): DeliveryRecord[] {
    return this.deliveryLog.records();
  }

  private pickConnection(): WebSocket {
    const open = this.connections.filter((socket) => socket.readyState === WebSocket.OPEN);
    if (open.length === 0) throw new Error('no open Socket Mode connection: start the app in Socket Mode first');
    this.nextConnection = (this.nextConnection + 1) % open.length;
    return open[this.nextConnection];
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.sockets.handleUpgrade(request, socket, head, (connection) => this.greet(connection));
  }

  private greet(connection: WebSocket): void {
    this.connections.push(connection);
    const pings = setInterval(() => connection.ping(), this.pingIntervalMs).unref();
    connection.on('close', () => {
      clearInterval(pings);
      this.connections.splice(this.connections.indexOf(connection), 1);
    });
    connection.on('message', (data, isBinary) => {
      if (!isBinary) this.deliveryLog.receive(data.toString());
    });
    connection.send(JSON.stringify({
      type: 'hello',
      num_connections: this.openConnections(),
      debug_info: {
        host: HOST,
        started: new Date(this.clock.now()).toISOString(),
        build_number: 1,
        approximate_connection_time: 18060,
      },
      connection_info: { app_id: this.appId },
    }));
  }
}
