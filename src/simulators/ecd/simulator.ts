import type { ActionSettings } from './actions';
import { Authenticator } from './authentication';
import { handleCall } from './call-handler';
import { FailureQueue } from './failures';
import { HttpTransport } from './http-transport';
import type { ReceivedRequest } from './received-request';
import type { Reply } from './reply';
import { EcdResources } from './resources';
import type {
  AccessKeySetup,
  CallRecord,
  CenSetup,
  EcdSimulatorOptions,
  Failure,
  MailboxEntry,
  OfficeSiteSetup,
  OfficeSiteView,
} from './types';
import { randomSixDigitCode, VerificationCodes } from './verification-codes';

const DEFAULT_CODE_TTL_MS = 10 * 60 * 1000;

/**
 * A local stand-in for the ECD 2020-09-30 endpoint: it checks signatures as Alibaba's gateway
 * does, keeps CEN instances, office networks and the CEN owners' mailboxes, records every call,
 * and injects failures on request.
 */
export class EcdSimulator {
  private readonly accessKeys = new Map<string, AccessKeySetup>();
  private readonly clock: () => Date;
  private readonly settings: ActionSettings;
  private readonly resources = new EcdResources();
  private readonly codes: VerificationCodes;
  private readonly authenticator: Authenticator;
  private readonly failures = new FailureQueue();
  private readonly transport: HttpTransport;
  private records: CallRecord[] = [];
  private port?: number;

  constructor(options: EcdSimulatorOptions = {}) {
    for (const [id, key] of Object.entries(options.accessKeys ?? {})) {
      this.addAccessKey(id, key.secret, key.securityToken);
    }
    this.clock = options.clock ?? (() => new Date());
    this.settings = {
      readsUntilAttached: wholeNumber('readsUntilAttached', options.readsUntilAttached, 1, 0),
      verifyCenRejections: options.verifyCenRejections ?? 'status',
    };
    this.codes = new VerificationCodes({
      codeTtlMs: wholeNumber('codeTtlMs', options.codeTtlMs, DEFAULT_CODE_TTL_MS, 1),
      maxAttempts: wholeNumber('maxCodeAttempts', options.maxCodeAttempts, 5, 1),
      generateCode: options.generateCode ?? randomSixDigitCode,
    });
    this.authenticator = new Authenticator(this.accessKeys, this.clock);
    this.transport = new HttpTransport((request) => this.handle(request));
  }

  /** Listens on a free 127.0.0.1 port and returns the endpoint, `http://127.0.0.1:<port>`. */
  async start(): Promise<string> {
    this.port = await this.transport.start();
    return this.endpoint;
  }

  /** Stops listening and drops every open connection, including ones held by a timeout failure. */
  async stop(): Promise<void> {
    await this.transport.stop();
    this.port = undefined;
  }

  get endpoint(): string {
    return `http://${this.host}`;
  }

  /** The bare `127.0.0.1:<port>` that `@alicloud/openapi-client` takes as its endpoint. */
  get host(): string {
    if (this.port === undefined) {
      throw new Error('The ECD simulator is not started; call start() first.');
    }
    return `127.0.0.1:${this.port}`;
  }

  /** Accepts a key pair. With a security token it is an STS key whose requests carry the token. */
  addAccessKey(id: string, secret: string, securityToken?: string): void {
    this.accessKeys.set(id, { secret, securityToken });
  }

  addCen(setup: CenSetup): void {
    this.resources.addCen(setup);
  }

  addOfficeSite(setup: OfficeSiteSetup): void {
    this.resources.addOfficeSite(setup, this.clock());
  }

  /** Returns how DescribeOfficeSites would describe the office network, without counting a read. */
  officeSite(officeSiteId: string): OfficeSiteView | undefined {
    return this.resources.viewOfficeSite(officeSiteId);
  }

  /** Returns the verification emails the CEN owner account received, oldest first. */
  mailbox(ownerId: string | bigint): MailboxEntry[] {
    return this.codes.mailbox(String(ownerId));
  }

  /** Returns the code most recently sent to the owner for the CEN instance. */
  latestCode(ownerId: string | bigint, cenId: string): string | undefined {
    return this.codes.latestCode(String(ownerId), cenId);
  }

  /** Makes the next `times` calls of the action fail. Queued failures apply in order. */
  failNext(action: string, failure: Failure, times = 1): void {
    this.failures.add(action, failure, times);
  }

  /** Returns a copy of every recorded call, oldest first. */
  calls(): CallRecord[] {
    return this.records.map((call) => ({
      ...call,
      params: { ...call.params },
      at: new Date(call.at),
      outcome: { ...call.outcome },
    }));
  }

  callsTo(action: string): CallRecord[] {
    return this.calls().filter((call) => call.action === action);
  }

  /** Forgets calls and queued failures, keeping keys, CENs, office networks and mailboxes. */
  reset(): void {
    this.records = [];
    this.failures.clear();
  }

  private handle(request: ReceivedRequest): Reply {
    return handleCall(request, {
      authenticator: this.authenticator,
      failures: this.failures,
      clock: this.clock,
      record: (call) => this.records.push(call),
      createContext: (parameters) => ({
        parameters,
        resources: this.resources,
        codes: this.codes,
        now: this.clock(),
        settings: this.settings,
      }),
    });
  }
}

function wholeNumber(
  name: string,
  value: number | undefined,
  defaultValue: number,
  min: number,
): number {
  const resolved = value ?? defaultValue;
  if (!Number.isInteger(resolved) || resolved < min) {
    throw new Error(
      `EcdSimulator option ${name} must be a whole number of at least ${min}, got ${value}.`,
    );
  }
  return resolved;
}
