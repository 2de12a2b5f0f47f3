import Credential from '@alicloud/credentials';
import OpenApi, * as $OpenApi from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import * as $Util from '@alicloud/tea-util';

import type { Logger } from '../logger';
import { credentialsError, EcdError } from './errors';
import { readOfficeSites, type OfficeSite } from './office-sites';
import { DEFAULT_RETRY_POLICY, RetryHooks, RetryPolicy, withRetry } from './retry';

const API_VERSION = '2020-09-30';
const VERIFY_CODE_ACTION = 'eds_cenID_securityverification';

export interface EcdClientOptions {
  /** Scheme and host for every region; unset means `https://ecd.<region>.aliyuncs.com`. */
  endpoint?: { protocol: 'http' | 'https'; host: string };
  timeoutMs: number;
  credential: Credential;
  retryPolicy?: RetryPolicy;
  retryHooks?: RetryHooks;
}

export interface SendVerifyCodeInput {
  regionId: string;
  cenId: string;
  /** Digits as typed; spliced into ExtraInfo as a JSON number without going through a JS number. */
  cenOwnerId: string;
}

export interface BindingInput {
  regionId: string;
  cenId: string;
  cenOwnerId: string;
  /** Held only for the call: never logged, stored or put in an error. */
  verifyCode: string;
}

type Query = Record<string, string | string[] | undefined>;

const MAX_OFFICE_SITE_PAGES = 10;

/** The ECD API: one method per operation, one client per region endpoint, the retry rule applied. */
export class EcdClient {
  private readonly clients = new Map<string, OpenApi>();

  constructor(private readonly options: EcdClientOptions) {}

  /** Asks Alibaba to email a verification code to the owner of the CEN instance. */
  async sendVerifyCode(input: SendVerifyCodeInput, log: Logger): Promise<{ requestId: string }> {
    const body = await this.call('SendVerifyCode', input.regionId, {
      VerifyCodeAction: VERIFY_CODE_ACTION,
      ExtraInfo: buildExtraInfo(input.cenId, input.cenOwnerId),
    }, log);
    return { requestId: requireRequestId(body) };
  }

  /** Lists the office networks of a region, or the ones named, following NextToken. */
  async describeOfficeSites(regionId: string, log: Logger, officeSiteIds: string[] = []): Promise<OfficeSite[]> {
    const sites: OfficeSite[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_OFFICE_SITE_PAGES; page++) {
      const body = await this.call('DescribeOfficeSites', regionId, { MaxResults: '100', NextToken: nextToken, OfficeSiteId: officeSiteIds.length > 0 ? officeSiteIds : undefined }, log);
      sites.push(...readOfficeSites(body));
      nextToken = typeof body.NextToken === 'string' && body.NextToken !== '' ? body.NextToken : undefined;
      if (!nextToken) break;
    }
    return sites;
  }

  /**
   * Checks a verification code and the office network's CIDR block against the CEN instance.
   * Returns Alibaba's Status: `Access` when the binding may go ahead.
   */
  async verifyCen(input: BindingInput & { cidrBlock: string }, log: Logger): Promise<{ status: string; requestId: string }> {
    const body = await this.call('VerifyCen', input.regionId, {
      CenId: input.cenId,
      CenOwnerId: input.cenOwnerId,
      CidrBlock: input.cidrBlock,
      VerifyCode: input.verifyCode,
    }, log);
    return { status: typeof body.Status === 'string' ? body.Status : '', requestId: requireRequestId(body) };
  }

  /** Attaches the office network to the CEN instance of another account, with the owner's code. */
  async attachCen(input: BindingInput & { officeSiteId: string }, log: Logger): Promise<{ requestId: string }> {
    const body = await this.call('AttachCen', input.regionId, {
      CenId: input.cenId,
      CenOwnerId: input.cenOwnerId,
      OfficeSiteId: input.officeSiteId,
      VerifyCode: input.verifyCode,
    }, log);
    return { requestId: requireRequestId(body) };
  }

  /** Calls one RPC action in a region and returns the parsed body. */
  async call(action: string, regionId: string, params: Query, log: Logger): Promise<Record<string, unknown>> {
    const client = this.clientFor(regionId);
    const query = OpenApiUtil.query({ RegionId: regionId, ...params });
    const request = new $OpenApi.OpenApiRequest({ query });
    const runtime = new $Util.RuntimeOptions({ readTimeout: this.options.timeoutMs, connectTimeout: this.options.timeoutMs, autoretry: false });
    const apiParams = new $OpenApi.Params({
      action,
      version: API_VERSION,
      protocol: this.options.endpoint?.protocol.toUpperCase() ?? 'HTTPS',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });

    let attempt = 0;
    const hooks: RetryHooks = {
      ...this.options.retryHooks,
      onFailedAttempt: (error, number, delayMs) => {
        logFailedAttempt(log, action, regionId, error, number, delayMs);
        this.options.retryHooks?.onFailedAttempt?.(error, number, delayMs);
      },
    };
    return withRetry(async () => {
      attempt += 1;
      await this.ensureCredential();
      const started = Date.now();
      const response = await client.callApi(apiParams, request, runtime);
      const body = (response.body ?? {}) as Record<string, unknown>;
      log.info({ action, regionId, attempt, alibabaRequestId: body.RequestId, ms: Date.now() - started }, 'ecd call succeeded');
      return body;
    }, this.options.retryPolicy ?? DEFAULT_RETRY_POLICY, hooks).catch((error: EcdError) => {
      throw error.withAction(action);
    });
  }

  private async ensureCredential(): Promise<void> {
    try {
      await this.options.credential.getCredential();
    } catch (error) {
      throw credentialsError(error);
    }
  }

  private clientFor(regionId: string): OpenApi {
    const host = this.options.endpoint?.host ?? `ecd.${regionId}.aliyuncs.com`;
    let client = this.clients.get(host);
    if (!client) {
      client = new OpenApi(
        new $OpenApi.Config({
          credential: this.options.credential,
          endpoint: host,
          protocol: this.options.endpoint?.protocol ?? 'https',
          regionId,
          readTimeout: this.options.timeoutMs,
          connectTimeout: this.options.timeoutMs,
        }),
      );
      this.clients.set(host, client);
    }
    return client;
  }
}

/** Builds ExtraInfo as Alibaba documents it: `{"cenOwnerId":<number>,"cenId":"cen-…"}`. */
export function buildExtraInfo(cenId: string, cenOwnerId: string): string {
  if (!/^[1-9]\d*$/.test(cenOwnerId)) throw new Error('cenOwnerId must be digits with no leading zero');
  return `{"cenOwnerId":${cenOwnerId},"cenId":${JSON.stringify(cenId)}}`;
}

function requireRequestId(body: Record<string, unknown>): string {
  if (typeof body.RequestId === 'string' && body.RequestId !== '') return body.RequestId;
  throw new EcdError('ECD returned no RequestId; the request may have been received.', {
    code: 'ECD_UNREADABLE_RESPONSE',
    outcome: 'unknown',
    retryable: false,
  });
}

function logFailedAttempt(log: Logger, action: string, regionId: string, error: EcdError, attempt: number, delayMs: number | undefined): void {
  const fields = {
    action,
    regionId,
    attempt,
    code: error.code,
    outcome: error.outcome,
    alibabaCode: error.alibabaCode,
    alibabaRequestId: error.requestId,
    httpStatus: error.httpStatus,
    retryInMs: delayMs,
  };
  if (delayMs === undefined) log.warn(fields, 'ecd call failed');
  else log.info(fields, 'ecd call failed, retrying');
}
