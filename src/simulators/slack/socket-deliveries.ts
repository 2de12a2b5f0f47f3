import type { Clock } from './types';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** The app's acknowledgement of one envelope, as sent over the WebSocket. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface DeliveryRecord {
  envelopeId: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  sentAt: number;
  outcome: 'pending' | 'acked' | 'not acked';
  ack?: SocketAck;
}

/** Raised when the app does not ack an envelope within the ack timeout. */
export class SocketModeNotAckedError extends Error {
  readonly code = 'socket_mode_not_acked';

  constructor(readonly envelopeId: string, timeoutMs: number) {
    super(`envelope ${envelopeId} was not acked within ${timeoutMs} ms`);
    this.name = 'SocketModeNotAckedError';
  }
}

interface Waiting {
  record: DeliveryRecord;
  resolve(ack: SocketAck): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** Envelopes sent over Socket Mode, the acks that came back and the ones that never did. */
export class SocketDeliveries {
  private readonly log: DeliveryRecord[] = [];
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly ackTimeoutMs: number,
    private readonly clock: Clock,
  ) {}

  expect(envelopeId: string, type: EnvelopeType, payload: Record<string, unknown>): Promise<SocketAck> {
    const record: DeliveryRecord = { envelopeId, type, payload, sentAt: this.clock.now(), outcome: 'pending' };
    this.log.push(record);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.expire(envelopeId), this.ackTimeoutMs);
      this.waiting.set(envelopeId, { record, resolve, reject, timer });
    });
  }

  /** Handles one text frame from the app; frames that are not acks of a waiting envelope are ignored. */
  receive(frame: string): void {
    let ack: SocketAck;
    try {
      ack = JSON.parse(frame) as SocketAck;
    } catch {
      return;
    }
    const waiting = this.waiting.get(ack.envelope_id);
    if (!waiting) return;

    clearTimeout(waiting.timer);
    this.waiting.delete(ack.envelope_id);
    waiting.record.outcome = 'acked';
    waiting.record.ack = ack;
    waiting.resolve(ack);
  }

  /** Fails every envelope still waiting, for shutdown. */
  abandonAll(): void {
    for (const envelopeId of [...this.waiting.keys()]) this.expire(envelopeId);
  }

  records(): DeliveryRecord[] {
    return this.log.map((record) => structuredClone(record));
  }

  private expire(envelopeId: string): void {
    const waiting = this.waiting.get(envelopeId);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.waiting.delete(envelopeId);
    waiting.record.outcome = 'not acked';
    waiting.reject(new SocketModeNotAckedError(envelopeId, this.ackTimeoutMs));
  }
}
