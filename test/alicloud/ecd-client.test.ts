import net from 'node:net';

import Credential, { Config as CredentialConfig } from '@alicloud/credentials';

import { EcdClient } from '../../src/alicloud/client';
import { EcdError } from '../../src/alicloud/errors';
import { createLogger } from '../../src/logger';
import { EcdSimulator } from '../../src/simulators/ecd';

const KEY = { id: 'LTAI5tClientTestKey', secret: 'client-test-secret' };
const CEN = { cenId: 'cen-clienttest', ownerId: '1234567890123456' };
const INPUT = { regionId: 'cn-hangzhou', cenId: CEN.cenId, cenOwnerId: CEN.ownerId };
const log = createLogger('error');
const fastRetries = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 50, maxTotalDelayMs: 1_000 };

describe('EcdClient against the ECD simulator', () => {
  const ecd = new EcdSimulator({ accessKeys: { [KEY.id]: { secret: KEY.secret } } });
  let client: EcdClient;
  let mailedBefore = 0;
  const newCodes = () => ecd.mailbox(CEN.ownerId).length - mailedBefore;

  beforeAll(async () => {
    await ecd.start();
    ecd.addCen(CEN);
  });

  afterAll(async () => {
    await ecd.stop();
  });

  beforeEach(() => {
    ecd.reset();
    mailedBefore = ecd.mailbox(CEN.ownerId).length;
    const credential = new Credential(new CredentialConfig({ type: 'access_key', accessKeyId: KEY.id, accessKeySecret: KEY.secret }));
    client = new EcdClient({ endpoint: { protocol: 'http', host: ecd.host }, timeoutMs: 500, credential, retryPolicy: fastRetries });
  });

  const sendError = async (): Promise<EcdError> => {
    const error = await client.sendVerifyCode(INPUT, log).then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(EcdError);
    return error as EcdError;
  };

  it('returns the RequestId of an accepted send', async () => {
    const result = await client.sendVerifyCode(INPUT, log);

    expect(result.requestId).toBe(ecd.callsTo('SendVerifyCode')[0].requestId);
    expect(newCodes()).toBe(1);
  });

  it('retries a throttled send and succeeds once', async () => {
    ecd.failNext('SendVerifyCode', { kind: 'throttle' });

    await client.sendVerifyCode(INPUT, log);

    expect(ecd.callsTo('SendVerifyCode')).toHaveLength(2);
    expect(newCodes()).toBe(1);
  });

  it('logs each attempt with its RequestId', async () => {
    const lines: string[] = [];
    const attemptLog = createLogger('info', { write: (line: string) => void lines.push(line) });
    ecd.failNext('SendVerifyCode', { kind: 'throttle' });

    await client.sendVerifyCode(INPUT, attemptLog);

    const [failed, succeeded] = lines.map((line) => JSON.parse(line));
    const [first, second] = ecd.callsTo('SendVerifyCode');
    expect(failed).toMatchObject({ msg: 'ecd call failed, retrying', attempt: 1, alibabaRequestId: first.requestId, alibabaCode: 'Throttling.User' });
    expect(succeeded).toMatchObject({ msg: 'ecd call succeeded', attempt: 2, alibabaRequestId: second.requestId });
  });

  it('retries ServiceUnavailable and succeeds once', async () => {
    ecd.failNext('SendVerifyCode', { kind: 'unavailable' }, 2);

    await client.sendVerifyCode(INPUT, log);

    expect(ecd.callsTo('SendVerifyCode')).toHaveLength(3);
    expect(newCodes()).toBe(1);
  });

  it('gives up on throttling after the last attempt', async () => {
    ecd.failNext('SendVerifyCode', { kind: 'throttle' }, 10);

    const error = await sendError();

    expect(error).toMatchObject({ outcome: 'refused', alibabaCode: 'Throttling.User' });
    expect(ecd.callsTo('SendVerifyCode')).toHaveLength(4);
  });

  it('makes one attempt and reports unknown on a timeout', async () => {
    ecd.failNext('SendVerifyCode', { kind: 'timeout', afterAction: true });

    const error = await sendError();

    expect(error).toMatchObject({ outcome: 'unknown', code: 'ECD_TIMEOUT' });
    expect(ecd.callsTo('SendVerifyCode')).toHaveLength(1);
  });

  it.each([
    ['an HTML 502 page', { kind: 'html' as const, status: 502 }],
    ['an empty body', { kind: 'empty' as const, status: 502 }],
    ['a body that is not JSON', { kind: 'notJson' as const, status: 200 }],
    ['a reset connection', { kind: 'reset' as const }],
    ['an InternalError', { kind: 'serverError' as const }],
  ])('makes one attempt and reports unknown on %s', async (_name, failure) => {
    ecd.failNext('SendVerifyCode', failure);

    const error = await sendError();

    expect(error.outcome).toBe('unknown');
    expect(error.retryable).toBe(false);
    expect(ecd.callsTo('SendVerifyCode')).toHaveLength(1);
  });

  it('makes one attempt on Forbidden.RAM and keeps its details', async () => {
    ecd.failNext('SendVerifyCode', { kind: 'error', status: 403, code: 'Forbidden.RAM', message: 'User not authorized to operate on the specified resource.' });

    const error = await sendError();

    expect(error).toMatchObject({ outcome: 'refused', alibabaCode: 'Forbidden.RAM', httpStatus: 403 });
    expect(error.requestId).toBe(ecd.callsTo('SendVerifyCode')[0].requestId);
    expect(error.recommend).toContain('Forbidden.RAM');
    expect(ecd.callsTo('SendVerifyCode')).toHaveLength(1);
  });

  it('retries a refused connection and reports it as never sent', async () => {
    const port = await closedPort();
    const unreachable = new EcdClient({ endpoint: { protocol: 'http', host: `127.0.0.1:${port}` }, timeoutMs: 500, credential: new Credential(new CredentialConfig({ type: 'access_key', accessKeyId: KEY.id, accessKeySecret: KEY.secret })), retryPolicy: fastRetries });
    const attempts: number[] = [];

    const error = await unreachable.call('SendVerifyCode', 'cn-hangzhou', {}, log.child({})).catch((thrown: EcdError) => thrown);
    const counted = new EcdClient({ endpoint: { protocol: 'http', host: `127.0.0.1:${port}` }, timeoutMs: 500, credential: new Credential(new CredentialConfig({ type: 'access_key', accessKeyId: KEY.id, accessKeySecret: KEY.secret })), retryPolicy: fastRetries, retryHooks: { onFailedAttempt: (_error, attempt) => attempts.push(attempt) } });
    await counted.sendVerifyCode(INPUT, log).catch(() => undefined);

    expect(error).toMatchObject({ outcome: 'refused', code: 'ECD_UNREACHABLE' });
    expect(attempts).toEqual([1, 2, 3, 4]);
  });

  it('reports a wrong secret as a refused signature', async () => {
    const wrong = new EcdClient({ endpoint: { protocol: 'http', host: ecd.host }, timeoutMs: 500, credential: new Credential(new CredentialConfig({ type: 'access_key', accessKeyId: KEY.id, accessKeySecret: 'wrong' })) });

    const error = await wrong.sendVerifyCode(INPUT, log).catch((thrown: EcdError) => thrown);

    expect(error).toMatchObject({ outcome: 'refused', alibabaCode: 'SignatureDoesNotMatch' });
    expect(newCodes()).toBe(0);
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
