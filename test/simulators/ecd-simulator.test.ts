import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import Credential, { Config as CredentialConfig } from '@alicloud/credentials';
import OpenApi, * as $OpenApi from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import * as $Util from '@alicloud/tea-util';

import { EcdSimulator, type EcdSimulatorOptions } from '../../src/simulators/ecd';

const ACCESS_KEY_ID = 'LTAI5tSimulatorKey0001';
const SECRET = 'simulator-secret-0001';
const STS_KEY_ID = 'STS.NTsimulatorKey0002';
const STS_SECRET = 'simulator-sts-secret-0002';
const STS_TOKEN = 'CAIS-simulator-security-token';

const REGION = 'cn-hangzhou';
const CEN_ID = 'cen-3weq30r6t0s7t4abcd';
/** Above Number.MAX_SAFE_INTEGER: `Number('9999999999999999')` is 10000000000000000. */
const OWNER_ID = '9999999999999999';
const OTHER_OWNER_ID = '1234567890123456';
const ADVANCED_SITE = 'cn-hangzhou+dir-3633530001';
const SECOND_ADVANCED_SITE = 'cn-hangzhou+dir-3633530003';
const BASIC_SITE = 'cn-hangzhou+dir-3633530002';
const CEN_ROUTE = '192.168.0.0/16';

const GUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** Offset of the simulator clock from the real one; the client signs with the real clock. */
let clockOffsetMs = 0;
const running: EcdSimulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.stop()));
  clockOffsetMs = 0;
});

async function startSimulator(options: EcdSimulatorOptions = {}): Promise<EcdSimulator> {
  const simulator = new EcdSimulator({
    accessKeys: { [ACCESS_KEY_ID]: { secret: SECRET } },
    clock: () => new Date(Date.now() + clockOffsetMs),
    ...options,
  });
  simulator.addAccessKey(STS_KEY_ID, STS_SECRET, STS_TOKEN);
  simulator.addCen({
    cenId: CEN_ID,
    ownerId: OWNER_ID,
    routeEntries: [
      {
        destinationCidrBlock: CEN_ROUTE,
        regionId: REGION,
        nextHopInstanceId: 'vpc-bp1simulator0001',
      },
    ],
  });
  const site = { regionId: REGION, officeSiteType: 'SIMPLE' as const, status: 'REGISTERED' };
  simulator.addOfficeSite({
    ...site,
    officeSiteId: ADVANCED_SITE,
    name: 'Hangzhou office',
    vpcType: 'standard',
    cidrBlock: '172.16.0.0/12',
  });
  simulator.addOfficeSite({
    ...site,
    officeSiteId: SECOND_ADVANCED_SITE,
    name: 'Hangzhou lab',
    vpcType: 'standard',
    cidrBlock: '10.16.0.0/12',
  });
  simulator.addOfficeSite({
    ...site,
    officeSiteId: BASIC_SITE,
    name: 'Hangzhou basic',
    vpcType: 'basic',
    cidrBlock: '10.0.0.0/12',
  });

  await simulator.start();
  running.push(simulator);
  return simulator;
}

interface ClientOptions {
  accessKeyId?: string;
  secret?: string;
  securityToken?: string;
  signatureAlgorithm?: 'v2';
}

function ecdClient(host: string, options: ClientOptions = {}): OpenApi {
  const config = new $OpenApi.Config({
    accessKeyId: options.accessKeyId ?? ACCESS_KEY_ID,
    accessKeySecret: options.secret ?? SECRET,
    securityToken: options.securityToken,
    endpoint: host,
    protocol: 'http',
  });
  if (options.signatureAlgorithm) {
    config.signatureAlgorithm = options.signatureAlgorithm;
  }
  return new OpenApi(config);
}

interface EcdResponse {
  statusCode: number;
  body: Record<string, unknown>;
}

async function callEcd(
  client: OpenApi,
  action: string,
  query: Record<string, unknown>,
  readTimeout = 2000,
): Promise<EcdResponse> {
  const params = new $OpenApi.Params({
    action,
    version: '2020-09-30',
    protocol: 'HTTPS',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const request = new $OpenApi.OpenApiRequest({ query: OpenApiUtil.query(query) });
  const runtime = new $Util.RuntimeOptions({ readTimeout, connectTimeout: 1000 });
  return (await client.callApi(params, request, runtime)) as EcdResponse;
}

interface ClientError extends Error {
  code: string;
  statusCode: number;
  data: Record<string, unknown>;
}

async function expectRejection(call: Promise<unknown>): Promise<ClientError> {
  try {
    await call;
  } catch (error) {
    return error as ClientError;
  }
  throw new Error('Expected the call to be rejected, but it succeeded.');
}

function extraInfo(ownerId: string, cenId = CEN_ID): string {
  return `{"cenOwnerId": ${ownerId},"cenId": "${cenId}"}`;
}

function sendVerifyCode(
  client: OpenApi,
  ownerId = OWNER_ID,
  readTimeout?: number,
): Promise<EcdResponse> {
  const query = {
    RegionId: REGION,
    VerifyCodeAction: 'eds_cenID_securityverification',
    ExtraInfo: extraInfo(ownerId),
  };
  return callEcd(client, 'SendVerifyCode', query, readTimeout);
}

function verifyCen(
  client: OpenApi,
  verifyCode: string,
  cidrBlock = '172.16.0.0/12',
): Promise<EcdResponse> {
  const query = {
    RegionId: REGION,
    CenId: CEN_ID,
    CidrBlock: cidrBlock,
    CenOwnerId: OWNER_ID,
    VerifyCode: verifyCode,
  };
  return callEcd(client, 'VerifyCen', query);
}

function attachCen(
  client: OpenApi,
  verifyCode: string,
  officeSiteId = ADVANCED_SITE,
): Promise<EcdResponse> {
  const query = {
    RegionId: REGION,
    CenId: CEN_ID,
    OfficeSiteId: officeSiteId,
    CenOwnerId: OWNER_ID,
    VerifyCode: verifyCode,
  };
  return callEcd(client, 'AttachCen', query);
}

function describeOfficeSites(
  client: OpenApi,
  query: Record<string, unknown> = {},
): Promise<EcdResponse> {
  return callEcd(client, 'DescribeOfficeSites', { RegionId: REGION, ...query });
}

/** Returns a six-digit code that differs from the one the owner received. */
function wrongCode(simulator: EcdSimulator): string {
  const code = simulator.latestCode(OWNER_ID, CEN_ID) ?? '000000';
  return code === '000000' ? '111111' : '000000';
}

interface RawRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Signs a request with the real client against a loopback catcher and returns it unsent. */
async function captureSignedRequest(
  send: (client: OpenApi) => Promise<unknown>,
  clientOptions: ClientOptions = {},
): Promise<RawRequest> {
  let captured: RawRequest | undefined;
  const catcher = createServer((message, response) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => {
      captured = {
        method: message.method ?? 'GET',
        path: message.url ?? '/',
        headers: message.headers,
        body: Buffer.concat(chunks),
      };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"RequestId":"CAPTURED"}');
    });
  });
  await new Promise<void>((resolve) => catcher.listen(0, '127.0.0.1', resolve));

  try {
    await send(ecdClient(`127.0.0.1:${(catcher.address() as AddressInfo).port}`, clientOptions));
  } finally {
    catcher.closeAllConnections();
    await new Promise<void>((resolve) => catcher.close(() => resolve()));
  }
  if (!captured) {
    throw new Error('The client sent no request to the catcher.');
  }
  return captured;
}

/** Sends a request byte for byte, keeping its own Host header, to the simulator. */
function sendRaw(simulator: EcdSimulator, raw: RawRequest): Promise<RawResponse> {
  const [hostname, port] = simulator.host.split(':');
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { hostname, port: Number(port), method: raw.method, path: raw.path, headers: raw.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(raw.body);
  });
}

/** Sends an unsigned GET that names the action, which is enough to meet an injected failure. */
async function fetchUnsigned(simulator: EcdSimulator, action: string): Promise<Response> {
  return fetch(`${simulator.endpoint}/?Action=${action}&Version=2020-09-30&RegionId=${REGION}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('EcdSimulator signature checks', () => {
  test('accepts a signed SendVerifyCode and mails a code', async () => {
    const simulator = await startSimulator();

    const response = await sendVerifyCode(ecdClient(simulator.host));

    expect(response.statusCode).toBe(200);
    expect(response.body.RequestId).toMatch(GUID);
    const mailbox = simulator.mailbox(OWNER_ID);
    expect(mailbox).toHaveLength(1);
    expect(mailbox[0].code).toMatch(/^\d{6}$/);
    expect(mailbox[0].cenId).toBe(CEN_ID);
    expect(simulator.latestCode(OWNER_ID, CEN_ID)).toBe(mailbox[0].code);
  });

  test('keeps a 16-digit owner ID exact', async () => {
    const simulator = await startSimulator();

    await sendVerifyCode(ecdClient(simulator.host));

    expect(simulator.mailbox(OWNER_ID)).toHaveLength(1);
    expect(simulator.mailbox(String(Number(OWNER_ID)))).toHaveLength(0);
    expect(simulator.callsTo('SendVerifyCode')[0].params.ExtraInfo).toBe(extraInfo(OWNER_ID));
  });

  test('rejects the owner ID a JS number would produce', async () => {
    const simulator = await startSimulator();

    const error = await expectRejection(
      sendVerifyCode(ecdClient(simulator.host), String(Number(OWNER_ID))),
    );

    expect(error.code).toBe('InvalidCen.CenUidInvalid');
    expect(error.statusCode).toBe(400);
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(0);
  });

  test('records the call with its parameters and key', async () => {
    const simulator = await startSimulator();

    const response = await sendVerifyCode(ecdClient(simulator.host));

    const [call] = simulator.calls();
    expect(call.action).toBe('SendVerifyCode');
    expect(call.params).toEqual({
      RegionId: REGION,
      VerifyCodeAction: 'eds_cenID_securityverification',
      ExtraInfo: extraInfo(OWNER_ID),
    });
    expect(call.accessKeyId).toBe(ACCESS_KEY_ID);
    expect(call.signatureValid).toBe(true);
    expect(call.requestId).toBe(response.body.RequestId);
    expect(call.outcome).toEqual({ httpStatus: 200, actionRan: true });
  });

  test('accepts a client built from a Credential', async () => {
    const simulator = await startSimulator();
    const credential = new Credential(
      new CredentialConfig({
        type: 'access_key',
        accessKeyId: ACCESS_KEY_ID,
        accessKeySecret: SECRET,
      }),
    );
    const config = new $OpenApi.Config({ credential, endpoint: simulator.host, protocol: 'http' });

    const response = await sendVerifyCode(new OpenApi(config));

    expect(response.statusCode).toBe(200);
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(1);
  });

  test('rejects a wrong secret as a signature mismatch', async () => {
    const simulator = await startSimulator();

    const error = await expectRejection(
      sendVerifyCode(ecdClient(simulator.host, { secret: 'not-the-secret' })),
    );

    expect(['SignatureDoesNotMatch', 'IncompleteSignature']).toContain(error.code);
    expect(error.statusCode).toBe(400);
    expect(simulator.calls()[0].signatureValid).toBe(false);
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(0);
  });

  test('rejects an unknown AccessKeyId with 404', async () => {
    const simulator = await startSimulator();

    const error = await expectRejection(
      sendVerifyCode(ecdClient(simulator.host, { accessKeyId: 'LTAI5tUnknownKey' })),
    );

    expect(error.code).toBe('InvalidAccessKeyId.NotFound');
    expect(error.statusCode).toBe(404);
  });

  test('rejects an x-acs-date 16 minutes old', async () => {
    const simulator = await startSimulator();
    clockOffsetMs = 16 * 60 * 1000;

    const error = await expectRejection(sendVerifyCode(ecdClient(simulator.host)));

    expect(error.code).toBe('InvalidTimeStamp.Expired');
    expect(error.statusCode).toBe(400);
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(0);
  });

  test('accepts an x-acs-date 14 minutes old', async () => {
    const simulator = await startSimulator();
    clockOffsetMs = 14 * 60 * 1000;

    const response = await sendVerifyCode(ecdClient(simulator.host));

    expect(response.statusCode).toBe(200);
  });

  test('rejects a replayed request', async () => {
    const simulator = await startSimulator();
    const signed = await captureSignedRequest((client) => sendVerifyCode(client));

    const first = await sendRaw(simulator, signed);
    const replay = await sendRaw(simulator, signed);

    expect(first.status).toBe(200);
    expect(replay.status).toBe(400);
    expect(JSON.parse(replay.text).Code).toBe('SignatureNonceUsed');
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(1);
  });

  test('rejects a query changed after signing', async () => {
    const simulator = await startSimulator();
    const signed = await captureSignedRequest((client) => sendVerifyCode(client));
    const tampered = {
      ...signed,
      path: signed.path.replace('RegionId=cn-hangzhou', 'RegionId=cn-shanghai'),
    };
    expect(tampered.path).not.toBe(signed.path);

    const response = await sendRaw(simulator, tampered);

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).Code).toBe('SignatureDoesNotMatch');
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(0);
  });

  test('rejects a signed header changed after signing', async () => {
    const simulator = await startSimulator();
    const signed = await captureSignedRequest((client) => sendVerifyCode(client));
    const tampered = {
      ...signed,
      headers: { ...signed.headers, 'x-acs-action': 'DescribeRegions' },
    };

    const response = await sendRaw(simulator, tampered);

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).Code).toBe('SignatureDoesNotMatch');
  });

  test('rejects a header left out of SignedHeaders', async () => {
    const simulator = await startSimulator();
    const signed = await captureSignedRequest((client) => sendVerifyCode(client));
    const authorization = String(signed.headers.authorization).replace(
      'x-acs-signature-nonce;',
      '',
    );
    const tampered = { ...signed, headers: { ...signed.headers, authorization } };

    const response = await sendRaw(simulator, tampered);

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).Code).toBe('IncompleteSignature');
  });

  test('rejects a body that does not match x-acs-content-sha256', async () => {
    const simulator = await startSimulator();
    const signed = await captureSignedRequest((client) => sendVerifyCode(client));
    const body = Buffer.from('RegionId=cn-shanghai');
    const headers = { ...signed.headers, 'content-length': String(body.length) };

    const response = await sendRaw(simulator, { ...signed, headers, body });

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).Code).toBe('IncompleteSignature');
  });

  test('rejects an unsigned request', async () => {
    const simulator = await startSimulator();

    const response = await fetchUnsigned(simulator, 'DescribeRegions');

    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, unknown>).Code).toBe('IncompleteSignature');
  });

  test('accepts an STS key with its token', async () => {
    const simulator = await startSimulator();
    const client = ecdClient(simulator.host, {
      accessKeyId: STS_KEY_ID,
      secret: STS_SECRET,
      securityToken: STS_TOKEN,
    });

    const response = await sendVerifyCode(client);

    expect(response.statusCode).toBe(200);
    expect(simulator.calls()[0].securityToken).toBe(STS_TOKEN);
  });

  test('rejects an STS key with another token', async () => {
    const simulator = await startSimulator();
    const client = ecdClient(simulator.host, {
      accessKeyId: STS_KEY_ID,
      secret: STS_SECRET,
      securityToken: 'CAIS-other',
    });

    const error = await expectRejection(sendVerifyCode(client));

    expect(error.code).toBe('InvalidSecurityToken.MismatchWithAccessKey');
    expect(error.statusCode).toBe(400);
  });

  test('rejects an STS key without its token', async () => {
    const simulator = await startSimulator();
    const client = ecdClient(simulator.host, { accessKeyId: STS_KEY_ID, secret: STS_SECRET });

    const error = await expectRejection(sendVerifyCode(client));

    expect(error.code).toBe('MissingSecurityToken');
  });

  test('accepts the HMAC-SHA1 RPC signature', async () => {
    const simulator = await startSimulator();

    const response = await sendVerifyCode(ecdClient(simulator.host, { signatureAlgorithm: 'v2' }));

    expect(response.statusCode).toBe(200);
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(1);
    expect(simulator.calls()[0].params).toEqual({
      RegionId: REGION,
      VerifyCodeAction: 'eds_cenID_securityverification',
      ExtraInfo: extraInfo(OWNER_ID),
    });
  });

  test.each([
    ['ACS3-HMAC-SHA256', undefined],
    ['HMAC-SHA1', 'v2' as const],
  ])('accepts reserved characters signed with %s', async (_name, signatureAlgorithm) => {
    const simulator = await startSimulator();
    const status = "a b*c!'()~+é/?&=%";

    const response = await describeOfficeSites(ecdClient(simulator.host, { signatureAlgorithm }), {
      Status: status,
    });

    expect(response.statusCode).toBe(200);
    expect(simulator.calls()[0].params.Status).toBe(status);
  });

  test('rejects an HMAC-SHA1 query changed after signing', async () => {
    const simulator = await startSimulator();
    const signed = await captureSignedRequest((client) => sendVerifyCode(client), {
      signatureAlgorithm: 'v2',
    });
    const tampered = {
      ...signed,
      path: signed.path.replace('Action=SendVerifyCode', 'Action=DescribeRegions'),
    };
    expect(tampered.path).not.toBe(signed.path);

    const response = await sendRaw(simulator, tampered);

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).Code).toBe('SignatureDoesNotMatch');
  });

  test('ignores unsigned headers under HMAC-SHA1', async () => {
    const simulator = await startSimulator();
    const signed = await captureSignedRequest((client) => sendVerifyCode(client), {
      signatureAlgorithm: 'v2',
    });
    const tampered = { ...signed, headers: { ...signed.headers, 'x-acs-action': 'AttachCen' } };

    const response = await sendRaw(simulator, tampered);

    expect(response.status).toBe(200);
    expect(simulator.calls()[0].action).toBe('SendVerifyCode');
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(1);
  });

  test('rejects an HMAC-SHA1 signature with a wrong secret', async () => {
    const simulator = await startSimulator();

    const client = ecdClient(simulator.host, {
      signatureAlgorithm: 'v2',
      secret: 'not-the-secret',
    });
    const error = await expectRejection(sendVerifyCode(client));

    expect(error.code).toBe('SignatureDoesNotMatch');
    expect(simulator.calls()[0].signatureValid).toBe(false);
  });
});

describe('EcdSimulator responses', () => {
  test('returns errors in the Alibaba shape', async () => {
    const simulator = await startSimulator();

    const error = await expectRejection(
      callEcd(ecdClient(simulator.host), 'DeleteEverything', { RegionId: REGION }),
    );

    expect(error.code).toBe('InvalidAction.NotFound');
    expect(error.statusCode).toBe(404);
    expect(error.data.RequestId).toMatch(GUID);
    expect(error.data.HostId).toBe('ecd.cn-hangzhou.aliyuncs.com');
    expect(error.data.Message).toEqual(expect.any(String));
    expect(error.data.Recommend).toBe(
      `https://api.aliyun.com/troubleshoot?q=InvalidAction.NotFound&product=Ecd&requestId=${error.data.RequestId}`,
    );
  });

  test('sends JSON with a fresh RequestId each time', async () => {
    const simulator = await startSimulator();

    const first = await fetchUnsigned(simulator, 'DescribeRegions');
    const second = await fetchUnsigned(simulator, 'DescribeRegions');

    expect(first.headers.get('content-type')).toBe('application/json;charset=utf-8');
    const firstId = ((await first.json()) as Record<string, unknown>).RequestId;
    const secondId = ((await second.json()) as Record<string, unknown>).RequestId;
    expect(firstId).toMatch(GUID);
    expect(secondId).toMatch(GUID);
    expect(firstId).not.toBe(secondId);
  });

  test('names a missing parameter', async () => {
    const simulator = await startSimulator();

    const error = await expectRejection(
      callEcd(ecdClient(simulator.host), 'DescribeOfficeSites', {}),
    );

    expect(error.code).toBe('MissingRegionId');
    expect(error.statusCode).toBe(400);
  });

  test('rejects an unknown region', async () => {
    const simulator = await startSimulator();

    const error = await expectRejection(
      callEcd(ecdClient(simulator.host), 'DescribeOfficeSites', { RegionId: 'xx-nowhere-1' }),
    );

    expect(error.code).toBe('InvalidRegionId.NotFound');
  });

  test('lists regions with endpoints and English names', async () => {
    const simulator = await startSimulator();

    const response = await callEcd(ecdClient(simulator.host), 'DescribeRegions', {
      RegionId: REGION,
      AcceptLanguage: 'en',
    });

    expect(response.body.Regions).toContainEqual({
      RegionId: 'ap-southeast-1',
      RegionEndpoint: 'ecd.ap-southeast-1.aliyuncs.com',
      LocalName: 'Singapore',
    });
  });
});

describe('EcdSimulator SendVerifyCode', () => {
  test('rejects another VerifyCodeAction', async () => {
    const simulator = await startSimulator();
    const query = {
      RegionId: REGION,
      VerifyCodeAction: 'eds_login',
      ExtraInfo: extraInfo(OWNER_ID),
    };

    const error = await expectRejection(
      callEcd(ecdClient(simulator.host), 'SendVerifyCode', query),
    );

    expect(error.code).toBe('InvalidParameter');
    expect(error.statusCode).toBe(400);
  });

  test('rejects a quoted cenOwnerId', async () => {
    const simulator = await startSimulator();
    const query = {
      RegionId: REGION,
      VerifyCodeAction: 'eds_cenID_securityverification',
      ExtraInfo: `{"cenOwnerId": "${OWNER_ID}","cenId": "${CEN_ID}"}`,
    };

    const error = await expectRejection(
      callEcd(ecdClient(simulator.host), 'SendVerifyCode', query),
    );

    expect(error.code).toBe('InvalidParameter');
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(0);
  });

  test('rejects an unknown CEN instance', async () => {
    const simulator = await startSimulator();
    const query = {
      RegionId: REGION,
      VerifyCodeAction: 'eds_cenID_securityverification',
      ExtraInfo: extraInfo(OWNER_ID, 'cen-unknown0000000001'),
    };

    const error = await expectRejection(
      callEcd(ecdClient(simulator.host), 'SendVerifyCode', query),
    );

    expect(error.code).toBe('InvalidCen.ParameterCenInstanceId');
    expect(error.statusCode).toBe(400);
  });

  test('rejects an owner that does not own the CEN', async () => {
    const simulator = await startSimulator();

    const error = await expectRejection(sendVerifyCode(ecdClient(simulator.host), OTHER_OWNER_ID));

    expect(error.code).toBe('InvalidCen.CenUidInvalid');
    expect(simulator.mailbox(OTHER_OWNER_ID)).toHaveLength(0);
  });

  test('replaces the previous code', async () => {
    const codes = ['111111', '222222'];
    const simulator = await startSimulator({ generateCode: () => codes.shift() ?? '999999' });
    const client = ecdClient(simulator.host);
    await sendVerifyCode(client);
    await sendVerifyCode(client);

    const withOldCode = await verifyCen(client, '111111');
    const withNewCode = await verifyCen(client, '222222');

    expect(simulator.mailbox(OWNER_ID).map((entry) => entry.code)).toEqual(['111111', '222222']);
    expect(withOldCode.body.Status).toBe('VerifyCode.InvalidTokenCode');
    expect(withNewCode.body.Status).toBe('Access');
  });
});

describe('EcdSimulator VerifyCen', () => {
  test('returns Access with the CEN routes', async () => {
    const simulator = await startSimulator();
    const client = ecdClient(simulator.host);
    await sendVerifyCode(client);

    const response = await verifyCen(client, simulator.latestCode(OWNER_ID, CEN_ID) ?? '');

    expect(response.body.Status).toBe('Access');
    expect(response.body.RouteEntries).toEqual([
      {
        DestinationCidrBlock: CEN_ROUTE,
        NextHopInstanceId: 'vpc-bp1simulator0001',
        RegionId: REGION,
        Status: 'Access',
      },
    ]);
  });

  test('returns a wrong code as Status', async () => {
    const simulator = await startSimulator();
    const client = ecdClient(simulator.host);
    await sendVerifyCode(client);

    const response = await verifyCen(client, wrongCode(simulator));

    expect(response.statusCode).toBe(200);
    expect(response.body.Status).toBe('VerifyCode.InvalidTokenCode');
  });

  test('returns a wrong code as an error when configured', async () => {
    const simulator = await startSimulator({ verifyCenRejections: 'error' });
    const client = ecdClient(simulator.host);
    await sendVerifyCode(client);

    const error = await expectRejection(verifyCen(client, wrongCode(simulator)));

    expect(error.code).toBe('VerifyCode.InvalidTokenCode');
    expect(error.statusCode).toBe(400);
  });

  test('returns an unknown CEN as Status', async () => {
    const simulator = await startSimulator();
    const query = {
      RegionId: REGION,
      CenId: 'cen-unknown0000000001',
      CidrBlock: '172.16.0.0/12',
      CenOwnerId: OWNER_ID,
      VerifyCode: '123456',
    };

    const response = await callEcd(ecdClient(simulator.host), 'VerifyCen', query);

    expect(response.body.Status).toBe('InvalidCen.ParameterCenInstanceId');
  });

  test('stops accepting codes after too many wrong ones', async () => {
    const simulator = await startSimulator({ maxCodeAttempts: 2 });
    const client = ecdClient(simulator.host);
    await sendVerifyCode(client);
    const rightCode = simulator.latestCode(OWNER_ID, CEN_ID) ?? '';

    const statuses = [];
    for (const code of [wrongCode(simulator), wrongCode(simulator), rightCode]) {
      statuses.push((await verifyCen(client, code)).body.Status);
    }

    expect(statuses).toEqual([
      'VerifyCode.InvalidTokenCode',
      'VerifyCode.InvalidTokenCode',
      'VerifyCode.ReachTokenRetryTime',
    ]);
  });

  test('accepts codes again after a new send', async () => {
    const simulator = await startSimulator({ maxCodeAttempts: 1 });
    const client = ecdClient(simulator.host);
    await sendVerifyCode(client);
    await verifyCen(client, wrongCode(simulator));
    await sendVerifyCode(client);

    const response = await verifyCen(client, simulator.latestCode(OWNER_ID, CEN_ID) ?? '');

    expect(response.body.Status).toBe('Access');
  });

  test('reports a CIDR conflict with free blocks', async () => {
    const simulator = await startSimulator();
    const client = ecdClient(simulator.host);
    await sendVerifyCode(client);

    const response = await verifyCen(
      client,
      simulator.latestCode(OWNER_ID, CEN_ID) ?? '',
      '192.168.10.0/24',
    );

    expect(response.body.Status).toBe('Conflict');
    expect(response.body.CidrBlocks).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    expect(response.body.RouteEntries).toEqual([
      {
        DestinationCidrBlock: CEN_ROUTE,
        NextHopInstanceId: 'vpc-bp1simulator0001',
        RegionId: REGION,
        Status: 'Conflict',
      },
    ]);
  });

  test('rejects an expired code', async () => {
    const simulator = await startSimulator();
    const client = ecdClient(simulator.host);
    await sendVerifyCode(client);
    clockOffsetMs = 11 * 60 * 1000;

    const response = await verifyCen(client, simulator.latestCode(OWNER_ID, CEN_ID) ?? '');

    expect(response.body.Status).toBe('VerifyCode.InvalidTokenCode');
  });
});

describe('EcdSimulator AttachCen and DescribeOfficeSites', () => {
  test('describes office networks', async () => {
    const simulator = await startSimulator();

    const response = await describeOfficeSites(ecdClient(simulator.host), {
      'OfficeSiteId.1': ADVANCED_SITE,
    });

    expect(response.body.TotalCount).toBe(1);
    expect(response.body.OfficeSites).toEqual([
      expect.objectContaining({
        OfficeSiteId: ADVANCED_SITE,
        Name: 'Hangzhou office',
        Status: 'REGISTERED',
        OfficeSiteType: 'SIMPLE',
        VpcType: 'standard',
        CidrBlock: '172.16.0.0/12',
      }),
    ]);
  });

  test('pages office networks with NextToken', async () => {
    const simulator = await startSimulator();
    const client = ecdClient(simulator.host);

    const first = await describeOfficeSites(client, { MaxResults: 2 });
    const second = await describeOfficeSites(client, {
      MaxResults: 2,
      NextToken: first.body.NextToken,
    });

    expect(first.body.TotalCount).toBe(3);
    expect(first.body.OfficeSites).toHaveLength(2);
    expect(first.body.NextToken).toEqual(expect.any(String));
    expect(second.body.OfficeSites).toHaveLength(1);
    expect(second.body.NextToken).toBeUndefined();
  });

  test('rejects MaxResults above 100', async () => {
    const simulator = await startSimulator();

    const error = await expectRejection(
      describeOfficeSites(ecdClient(simulator.host), { MaxResults: 101 }),
    );

    expect(error.code).toBe('InvalidParameter');
  });

  test('attaches then reports attaching before attached', async () => {
    const simulator = await startSimulator();
    const client = ecdClient(simulator.host);
    await sendVerifyCode(client);

    await attachCen(client, simulator.latestCode(OWNER_ID, CEN_ID) ?? '');
    const statuses = [];
    for (let read = 0; read < 2; read += 1) {
      const [site] = (await describeOfficeSites(client, { 'OfficeSiteId.1': ADVANCED_SITE })).body
        .OfficeSites as Array<Record<string, unknown>>;
      expect(site.CenId).toBe(CEN_ID);
      statuses.push(site.CenAttachStatus);
    }

    expect(statuses).toEqual(['attaching', 'attached']);
  });

  test('rejects a wrong code with an error', async () => {
    const simulator = await startSimulator();
    const client = ecdClient(simulator.host);
    await sendVerifyCode(client);

    const error = await expectRejection(attachCen(client, wrongCode(simulator)));

    expect(error.code).toBe('VerifyCode.InvalidTokenCode');
    expect(error.statusCode).toBe(400);
    expect(simulator.officeSite(ADVANCED_SITE)?.cenId).toBeUndefined();
  });

  test('rejects every code after too many wrong ones', async () => {
    const simulator = await startSimulator({ maxCodeAttempts: 2 });
    const client = ecdClient(simulator.host);
    await sendVerifyCode(client);
    await expectRejection(attachCen(client, wrongCode(simulator)));
    await expectRejection(attachCen(client, wrongCode(simulator)));

    const error = await expectRejection(
      attachCen(client, simulator.latestCode(OWNER_ID, CEN_ID) ?? ''),
    );

    expect(error.code).toBe('VerifyCode.ReachTokenRetryTime');
  });

  test('does not reuse a code', async () => {
    const simulator = await startSimulator();
    const client = ecdClient(simulator.host);
    await sendVerifyCode(client);
    const code = simulator.latestCode(OWNER_ID, CEN_ID) ?? '';
    await attachCen(client, code);

    const error = await expectRejection(attachCen(client, code, SECOND_ADVANCED_SITE));

    expect(error.code).toBe('VerifyCode.InvalidTokenCode');
  });

  test('rejects a basic office network', async () => {
    const simulator = await startSimulator();
    const client = ecdClient(simulator.host);
    await sendVerifyCode(client);

    const error = await expectRejection(
      attachCen(client, simulator.latestCode(OWNER_ID, CEN_ID) ?? '', BASIC_SITE),
    );

    expect(error.code).toBe('InvalidOfficeSite.VpcType');
  });

  test('adds an attached network to the CEN routes', async () => {
    const simulator = await startSimulator();
    const client = ecdClient(simulator.host);
    await sendVerifyCode(client);
    await attachCen(client, simulator.latestCode(OWNER_ID, CEN_ID) ?? '');
    await sendVerifyCode(client);

    const response = await verifyCen(
      client,
      simulator.latestCode(OWNER_ID, CEN_ID) ?? '',
      '172.20.0.0/16',
    );

    expect(response.body.Status).toBe('Conflict');
  });
});

describe('EcdSimulator failure injection', () => {
  test('injects an Alibaba error body', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', {
      kind: 'error',
      status: 403,
      code: 'Forbidden.RAM',
      message: 'User not authorized to operate on the specified resource.',
    });

    const error = await expectRejection(sendVerifyCode(ecdClient(simulator.host)));

    expect(error.code).toBe('Forbidden.RAM');
    expect(error.statusCode).toBe(403);
    expect(error.data.Recommend).toContain('q=Forbidden.RAM');
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(0);
  });

  test('injects throttling', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', { kind: 'throttle' });

    const error = await expectRejection(sendVerifyCode(ecdClient(simulator.host)));

    expect(error.code).toBe('Throttling.User');
    expect(error.statusCode).toBe(400);
  });

  test('injects ServiceUnavailable', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', { kind: 'unavailable' });

    const error = await expectRejection(sendVerifyCode(ecdClient(simulator.host)));

    expect(error.code).toBe('ServiceUnavailable');
    expect(error.statusCode).toBe(503);
  });

  test('injects InternalError', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', { kind: 'serverError' });

    const error = await expectRejection(sendVerifyCode(ecdClient(simulator.host)));

    expect(error.code).toBe('InternalError');
    expect(error.statusCode).toBe(500);
  });

  test('fails the given number of calls', async () => {
    const simulator = await startSimulator();
    const client = ecdClient(simulator.host);
    simulator.failNext('SendVerifyCode', { kind: 'throttle' }, 2);

    await expectRejection(sendVerifyCode(client));
    await expectRejection(sendVerifyCode(client));
    const third = await sendVerifyCode(client);

    expect(third.statusCode).toBe(200);
    expect(simulator.callsTo('SendVerifyCode').map((call) => call.outcome.injected)).toEqual([
      'throttle',
      'throttle',
      undefined,
    ]);
  });

  test('fails only the named action', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', { kind: 'throttle' });

    const response = await describeOfficeSites(ecdClient(simulator.host));

    expect(response.statusCode).toBe(200);
  });

  test('times out without running the action', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', { kind: 'timeout' });

    const error = await expectRejection(sendVerifyCode(ecdClient(simulator.host), OWNER_ID, 300));

    expect(error.name).toBe('RequestTimeoutError');
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(0);
    expect(simulator.callsTo('SendVerifyCode')[0].outcome).toEqual({
      injected: 'timeout',
      actionRan: false,
    });
  });

  test('times out after mailing the code', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', { kind: 'timeout', afterAction: true });

    const error = await expectRejection(sendVerifyCode(ecdClient(simulator.host), OWNER_ID, 300));

    expect(error.name).toBe('RequestTimeoutError');
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(1);
    expect(simulator.callsTo('SendVerifyCode')[0].outcome).toEqual({
      injected: 'timeout',
      actionRan: true,
    });
  });

  test('answers late when given a delay', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', { kind: 'timeout', ms: 200 });

    const response = await sendVerifyCode(ecdClient(simulator.host), OWNER_ID, 2000);

    expect(response.statusCode).toBe(200);
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(1);
    expect(simulator.callsTo('SendVerifyCode')[0].outcome).toEqual({
      httpStatus: 200,
      injected: 'timeout',
      actionRan: true,
    });
  });

  test('runs a delayed action after the client gave up', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', { kind: 'timeout', ms: 500 });

    await expectRejection(sendVerifyCode(ecdClient(simulator.host), OWNER_ID, 200));
    const mailedBeforeDelay = simulator.mailbox(OWNER_ID).length;
    await sleep(500);

    expect(mailedBeforeDelay).toBe(0);
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(1);
  });

  test('resets the connection', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', { kind: 'reset' });

    const error = await expectRejection(sendVerifyCode(ecdClient(simulator.host)));

    expect(error.message).toMatch(/socket hang up|ECONNRESET/);
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(0);
  });

  test('resets the connection after mailing the code', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', { kind: 'reset', afterAction: true });

    await expectRejection(sendVerifyCode(ecdClient(simulator.host)));

    expect(simulator.mailbox(OWNER_ID)).toHaveLength(1);
    expect(simulator.callsTo('SendVerifyCode')[0].outcome).toEqual({
      injected: 'reset',
      actionRan: true,
    });
  });

  test('fails an error after mailing the code', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', { kind: 'unavailable', afterAction: true });

    const error = await expectRejection(sendVerifyCode(ecdClient(simulator.host)));

    expect(error.code).toBe('ServiceUnavailable');
    expect(simulator.mailbox(OWNER_ID)).toHaveLength(1);
  });

  test('sends an HTML proxy page', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', { kind: 'html', status: 502 });

    const response = await fetchUnsigned(simulator, 'SendVerifyCode');

    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toContain('<h1>502 Bad Gateway</h1>');
  });

  test('makes the client fail on an HTML page', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', { kind: 'html', status: 502 });

    const error = await expectRejection(sendVerifyCode(ecdClient(simulator.host)));

    expect(error.name).toBe('SyntaxError');
  });

  test('sends an empty body', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', { kind: 'empty', status: 504 });

    const response = await fetchUnsigned(simulator, 'SendVerifyCode');

    expect(response.status).toBe(504);
    expect(await response.text()).toBe('');
  });

  test('sends a cut-off JSON body', async () => {
    const simulator = await startSimulator();
    simulator.failNext('SendVerifyCode', { kind: 'notJson', status: 200 });

    const response = await fetchUnsigned(simulator, 'SendVerifyCode');
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  test('reset clears records and queued failures', async () => {
    const simulator = await startSimulator();
    const client = ecdClient(simulator.host);
    await describeOfficeSites(client);
    simulator.failNext('SendVerifyCode', { kind: 'throttle' });

    simulator.reset();
    const response = await sendVerifyCode(client);

    expect(response.statusCode).toBe(200);
    expect(simulator.calls()).toHaveLength(1);
  });
});
