/** An AccessKey pair the simulator accepts. A security token makes it an STS key. */
export interface AccessKeySetup {
  secret: string;
  securityToken?: string;
}

/** The form in which VerifyCen reports a rejected CEN or verification code. */
export type VerifyCenRejectionStyle = 'status' | 'error';

export interface EcdSimulatorOptions {
  accessKeys?: Record<string, AccessKeySetup>;
  /** Time source for timestamp checks, code expiry and call records. Defaults to `new Date()`. */
  clock?: () => Date;
  /** How long a verification code stays valid, in milliseconds. Defaults to 10 minutes. */
  codeTtlMs?: number;
  /** Wrong codes accepted before `VerifyCode.ReachTokenRetryTime`. Defaults to 5. */
  maxCodeAttempts?: number;
  /** DescribeOfficeSites reads that still show `attaching` after AttachCen. Defaults to 1. */
  readsUntilAttached?: number;
  /**
   * Whether VerifyCen returns a rejection as HTTP 200 with `Status` set to the code ('status',
   * the default) or as an Alibaba error body with HTTP 400 ('error').
   */
  verifyCenRejections?: VerifyCenRejectionStyle;
  /** Source of verification codes. Defaults to 6 random digits. */
  generateCode?: () => string;
}

/** A route that a CEN instance already carries, used by VerifyCen to find CIDR conflicts. */
export interface CenRouteSetup {
  destinationCidrBlock: string;
  regionId: string;
  nextHopInstanceId: string;
}

export interface CenSetup {
  cenId: string;
  /** The CEN owner account ID as a digit string (or bigint), so 17-digit IDs keep every digit. */
  ownerId: string | bigint;
  /** Regions in which ECD can see this CEN instance. Defaults to every simulated region. */
  regionIds?: string[];
  routeEntries?: CenRouteSetup[];
}

export type OfficeSiteType = 'SIMPLE' | 'AD_CONNECTOR';

export interface OfficeSiteSetup {
  regionId: string;
  /** Office network ID in ECD's form, for example `cn-hangzhou+dir-3633530001`. */
  officeSiteId: string;
  name: string;
  /** `standard` (or `Standard`) for an advanced office network, `basic` for a basic one. */
  vpcType: string;
  officeSiteType: OfficeSiteType;
  cidrBlock: string;
  /** Office network status, for example `REGISTERED`. */
  status: string;
  /** A CEN instance the office network is already attached to. */
  cenId?: string;
}

/** The office network as DescribeOfficeSites would describe it now, without counting as a read. */
export interface OfficeSiteView extends OfficeSiteSetup {
  cenAttachStatus?: 'attaching' | 'attached';
}

/** One email with a verification code, as the CEN owner account received it. */
export interface MailboxEntry {
  code: string;
  cenId: string;
  sentAt: Date;
}

export type FailureKind =
  | 'error'
  | 'throttle'
  | 'unavailable'
  | 'timeout'
  | 'reset'
  | 'html'
  | 'empty'
  | 'notJson'
  | 'serverError';

interface FailureTiming {
  /** Run the action (for example, send the email) before failing the response. Default false. */
  afterAction?: boolean;
}

/**
 * A fault to inject into the next calls of one action.
 *
 * `timeout` without `ms` sends no response until `stop()`. With `ms` it sends the normal response
 * after that delay. The action then runs before the delay with `afterAction`, and after it without.
 * `html`, `empty` and `notJson` default to HTTP 502.
 */
export type Failure = FailureTiming &
  (
    | { kind: 'error'; status: number; code: string; message: string }
    | { kind: 'throttle' }
    | { kind: 'unavailable' }
    | { kind: 'timeout'; ms?: number }
    | { kind: 'reset' }
    | { kind: 'html'; status?: number }
    | { kind: 'empty'; status?: number }
    | { kind: 'notJson'; status?: number }
    | { kind: 'serverError' }
  );

/** The result of one recorded call. */
export interface CallOutcome {
  /** HTTP status sent, absent while a response is held back and when the socket was reset. */
  httpStatus?: number;
  /** Alibaba error code in the body, absent on success and for injected non-JSON replies. */
  code?: string;
  /** The injected failure that shaped the response, if any. */
  injected?: FailureKind;
  /** Whether the action ran, so state such as the CEN owner's mailbox may have changed. */
  actionRan: boolean;
}

/** One request the simulator received. */
export interface CallRecord {
  /** `x-acs-action` for ACS3 requests, the `Action` parameter for HMAC-SHA1 ones. */
  action: string;
  /** Query and form parameters, without the HMAC-SHA1 signature parameters. */
  params: Record<string, string>;
  accessKeyId?: string;
  securityToken?: string;
  signatureValid: boolean;
  /** Receipt time by the simulator clock. */
  at: Date;
  requestId: string;
  outcome: CallOutcome;
}
