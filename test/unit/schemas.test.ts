import { validateSubmission, validPrefill } from '../../src/requests/schemas';

const REGIONS = ['cn-hangzhou', 'cn-shanghai'];
const VALID = { cenId: 'cen-3weq30r6t0s7t4abcd', cenOwnerId: '1234567890123456', regionId: 'cn-hangzhou', reason: 'Office in Hangzhou' };

describe('validateSubmission', () => {
  it('accepts a valid submission', () => {
    expect(validateSubmission(VALID, REGIONS)).toEqual({ ok: true, value: VALID });
  });

  it('accepts a missing reason as empty', () => {
    const result = validateSubmission({ ...VALID, reason: undefined }, REGIONS);

    expect(result).toEqual({ ok: true, value: { ...VALID, reason: '' } });
  });

  it('gives each bad field its own message', () => {
    const result = validateSubmission({ cenId: 'CEN 1', cenOwnerId: '0123', regionId: 'mars-1', reason: 'x'.repeat(501) }, REGIONS);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['cenId', 'cenOwnerId', 'reason', 'regionId']);
    expect(result.errors.cenId).toContain('cen-');
    expect(result.errors.cenOwnerId).toContain('5 to 20 digits');
  });

  it.each(['cen-ABC', 'cen-', 'cen-abc def', 'vpc-abc', ' cen-<!channel>', `cen-${'a'.repeat(61)}`])('rejects the CEN ID %p', (cenId) => {
    expect(validateSubmission({ ...VALID, cenId }, REGIONS).ok).toBe(false);
  });

  it.each(['1234', '123456789012345678901', '01234567', '12345a', '-12345'])('rejects the owner account ID %p', (cenOwnerId) => {
    expect(validateSubmission({ ...VALID, cenOwnerId }, REGIONS).ok).toBe(false);
  });

  it('keeps owner IDs beyond Number.MAX_SAFE_INTEGER digit for digit', () => {
    const result = validateSubmission({ ...VALID, cenOwnerId: '9999999999999999' }, REGIONS);

    expect(result.ok).toBe(true);
    expect(result.ok ? result.value.cenOwnerId : undefined).toBe('9999999999999999');
  });

  it('rejects a region that is not offered', () => {
    expect(validateSubmission({ ...VALID, regionId: 'cn-beijing' }, REGIONS).ok).toBe(false);
  });

  it('accepts any text as a reason, mentions included', () => {
    expect(validateSubmission({ ...VALID, reason: '<!channel> & <@U123>' }, REGIONS).ok).toBe(true);
  });
});

describe('validPrefill', () => {
  it('prefills the fields that are valid', () => {
    expect(validPrefill(['cen-abc1', '1234567890123456', 'cn-shanghai'], REGIONS)).toEqual({ cenId: 'cen-abc1', cenOwnerId: '1234567890123456', regionId: 'cn-shanghai' });
  });

  it('leaves invalid values out', () => {
    expect(validPrefill(['cen-BAD', '007', 'mars-1'], REGIONS)).toEqual({});
  });
});
