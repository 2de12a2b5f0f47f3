import { gatewayErrors } from './api-error';

/** The CEN instance and owner account that SendVerifyCode's ExtraInfo names. */
export interface CenVerificationTarget {
  cenId: string;
  /** Digits exactly as written in ExtraInfo, because a JS number would round IDs above 2^53. */
  cenOwnerId: string;
}

// Matches the number after every "cenOwnerId" key, wherever it is nested.
const OWNER_ID_PATTERN = /"cenOwnerId"\s*:\s*(-?[0-9][0-9.eE+-]*)/g;

// NOTE: this accepts only the documented form {"cenOwnerId": <number>, "cenId": "cen-..."}.
// Whether the real service also accepts a quoted owner ID or the keys CenId/CenOwnerId is not
// confirmed, so the simulator rejects them rather than let the app depend on either.

/** Parses ExtraInfo, keeping the owner ID's digits from the raw text. */
export function parseExtraInfo(raw: string): CenVerificationTarget {
  const parsed = parseJsonObject(raw);

  const cenId = parsed.cenId;
  if (typeof cenId !== 'string' || !cenId.startsWith('cen-')) {
    throw invalidExtraInfo('cenId must be a string such as "cen-3weq30r6t0s7t4abcd".');
  }
  if (typeof parsed.cenOwnerId !== 'number') {
    throw invalidExtraInfo('cenOwnerId must be an unquoted JSON number such as 1234567890123456.');
  }

  return { cenId, cenOwnerId: ownerIdDigits(raw) };
}

function parseJsonObject(raw: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw invalidExtraInfo(`it is not valid JSON (${(error as Error).message}).`);
  }

  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidExtraInfo('it must be a JSON object with cenOwnerId and cenId.');
  }
  return parsed as Record<string, unknown>;
}

function ownerIdDigits(raw: string): string {
  const numbers = [...raw.matchAll(OWNER_ID_PATTERN)].map((match) => match[1]);
  if (numbers.length !== 1) {
    throw invalidExtraInfo('cenOwnerId must appear exactly once.');
  }
  if (!/^[1-9][0-9]*$/.test(numbers[0])) {
    throw invalidExtraInfo(
      `cenOwnerId ${numbers[0]} must be a positive whole number written without a fraction or exponent.`,
    );
  }
  return numbers[0];
}

function invalidExtraInfo(reason: string) {
  return gatewayErrors.invalidParameter('ExtraInfo', reason);
}
