import { buildExtraInfo } from '../../src/alicloud/client';
import { classifyEcdError } from '../../src/alicloud/errors';
import { withRetry } from '../../src/alicloud/retry';

function alibabaError(statusCode: number, Code: string) {
  return Object.assign(new Error(`${Code}: code: ${statusCode}`), { code: Code, data: { statusCode, Code, Message: 'msg', RequestId: 'REQ-1', Recommend: 'https://api.aliyun.com/troubleshoot?q=x' } });
}

function networkError(code: string) {
  return Object.assign(new Error(`connect ${code}`), { code });
}

describe('buildExtraInfo', () => {
  it('writes the owner ID as a JSON number with every digit', () => {
    expect(buildExtraInfo('cen-abc', '9999999999999999')).toBe('{"cenOwnerId":9999999999999999,"cenId":"cen-abc"}');
  });

  it('rejects an owner ID that is not digits', () => {
    expect(() => buildExtraInfo('cen-abc', '12,"x":1')).toThrow();
  });
});

describe('classifyEcdError', () => {
  it.each([
    ['Throttling.User', 400, 'refused', true],
    ['Throttling', 400, 'refused', true],
    ['ServiceUnavailable', 503, 'refused', true],
    ['Forbidden.RAM', 403, 'refused', false],
    ['InvalidParameter', 400, 'refused', false],
    ['InternalError', 500, 'unknown', false],
    ['BadGateway', 502, 'unknown', false],
  ])('classifies %s (HTTP %d) as %s', (code, status, outcome, retryable) => {
    const error = classifyEcdError(alibabaError(status, code));

    expect(error.outcome).toBe(outcome);
    expect(error.retryable).toBe(retryable);
    expect(error.alibabaCode).toBe(code);
    expect(error.requestId).toBe('REQ-1');
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])('retries %s, a connection never made', (code) => {
    const error = classifyEcdError(networkError(code));

    expect(error.outcome).toBe('refused');
    expect(error.retryable).toBe(true);
  });

  it('treats a reset connection as unknown', () => {
    expect(classifyEcdError(networkError('ECONNRESET')).outcome).toBe('unknown');
  });

  it('treats a timeout as unknown', () => {
    const timeout = Object.assign(new Error('ReadTimeout(100)'), { name: 'RequestTimeoutError' });

    expect(classifyEcdError(timeout)).toMatchObject({ outcome: 'unknown', retryable: false, code: 'ECD_TIMEOUT' });
  });

  it('treats an unreadable body as unknown', () => {
    expect(classifyEcdError(new SyntaxError('Unexpected token <'))).toMatchObject({ outcome: 'unknown', code: 'ECD_UNREADABLE_RESPONSE' });
  });
});

describe('withRetry', () => {
  const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxTotalDelayMs: 5_000 };
  const noSleep = { sleep: async () => undefined, random: () => 0.5 };

  it('retries throttling until the call succeeds', async () => {
    const call = jest.fn().mockRejectedValueOnce(alibabaError(400, 'Throttling.User')).mockResolvedValueOnce('ok');

    await expect(withRetry(call, policy, noSleep)).resolves.toBe('ok');
    expect(call).toHaveBeenCalledTimes(2);
  });

  it('makes one attempt when the outcome is unknown', async () => {
    const call = jest.fn().mockRejectedValue(alibabaError(500, 'InternalError'));

    await expect(withRetry(call, policy, noSleep)).rejects.toMatchObject({ outcome: 'unknown' });
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('stops after the maximum attempts', async () => {
    const call = jest.fn().mockRejectedValue(networkError('ECONNREFUSED'));

    await expect(withRetry(call, policy, noSleep)).rejects.toMatchObject({ code: 'ECD_UNREACHABLE' });
    expect(call).toHaveBeenCalledTimes(4);
  });

  it('stops when the total wait would pass its bound', async () => {
    const call = jest.fn().mockRejectedValue(networkError('ECONNREFUSED'));

    await expect(withRetry(call, { ...policy, maxTotalDelayMs: 150 }, noSleep)).rejects.toBeDefined();
    expect(call).toHaveBeenCalledTimes(2);
  });

  it('backs off exponentially with jitter', async () => {
    const delays: number[] = [];
    const call = jest.fn().mockRejectedValue(networkError('ECONNREFUSED'));

    await withRetry(call, policy, { sleep: async (ms) => void delays.push(ms), random: () => 1 }).catch(() => undefined);

    expect(delays).toEqual([100, 200, 400]);
  });
});
