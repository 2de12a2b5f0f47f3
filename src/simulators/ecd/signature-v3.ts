import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

import { gatewayErrors } from './api-error';
import { canonicalizeParameters, percentEncode } from './percent-encode';
import { headerValue, type ReceivedRequest } from './received-request';

// Written from Alibaba Cloud's public description of the V3 request signature, "Request syntax and
// signature method V3":
// https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** Headers every ACS3 request must carry and sign. */
const MANDATORY_SIGNED_HEADERS = [
  'host',
  'x-acs-action',
  'x-acs-content-sha256',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-version',
];

/** The parts of an `Authorization: ACS3-HMAC-SHA256 ...` header. */
export interface Acs3Authorization {
  accessKeyId: string;
  /** Lowercase header names in the order the caller listed them. */
  signedHeaders: string[];
  signature: string;
}

/** Parses the Authorization header, raising IncompleteSignature when a part is missing. */
export function parseAcs3Authorization(value: string): Acs3Authorization {
  const rest = value.slice(ACS3_ALGORITHM.length).trim();
  const fields = new Map<string, string>();
  for (const part of rest.split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0) {
      fields.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
    }
  }

  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature) {
    throw gatewayErrors.incompleteSignature(
      'The Authorization header must have the form "ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2>,Signature=<hex>".',
    );
  }

  return {
    accessKeyId,
    signedHeaders: signedHeaders.split(';').map((name) => name.trim().toLowerCase()),
    signature,
  };
}

/**
 * Checks that the caller signed every header it must: the mandatory ones, every `x-acs-*`
 * header it sent and `content-type` when present. A signed header must also be present.
 */
export function checkSignedHeaders(request: ReceivedRequest, signedHeaders: string[]): void {
  const signed = new Set(signedHeaders);
  const sentHeaders = Object.keys(request.headers).filter(
    (name) => name.startsWith('x-acs-') || name === 'content-type',
  );

  for (const name of [...MANDATORY_SIGNED_HEADERS, ...sentHeaders]) {
    if (!signed.has(name)) {
      throw gatewayErrors.incompleteSignature(
        `The header ${name} must be listed in SignedHeaders.`,
      );
    }
  }
  for (const name of signed) {
    if (headerValue(request.headers, name) === undefined) {
      throw gatewayErrors.incompleteSignature(
        `The signed header ${name} is missing from the request.`,
      );
    }
  }
}

/** Raises IncompleteSignature unless `x-acs-content-sha256` is the SHA-256 of the body received. */
export function checkContentHash(request: ReceivedRequest): void {
  const declared = (headerValue(request.headers, 'x-acs-content-sha256') ?? '').toLowerCase();
  const actual = createHash('sha256').update(request.body).digest('hex');
  if (declared !== actual) {
    throw gatewayErrors.incompleteSignature(
      `x-acs-content-sha256 ${declared} does not match the SHA-256 of the request body, ${actual}.`,
    );
  }
}

/** Recomputes the signature with the secret and raises SignatureDoesNotMatch when it differs. */
export function verifyAcs3Signature(
  request: ReceivedRequest,
  authorization: Acs3Authorization,
  secret: string,
): void {
  const canonicalRequest = buildCanonicalRequest(request, authorization.signedHeaders);
  const stringToSign =
    `${ACS3_ALGORITHM}\n` + createHash('sha256').update(canonicalRequest, 'utf8').digest('hex');
  const expected = createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex');

  if (!hexEquals(expected, authorization.signature)) {
    throw gatewayErrors.signatureMismatch(stringToSign);
  }
}

/** Builds method, path, query, headers, signed header list and payload hash, one per line. */
function buildCanonicalRequest(request: ReceivedRequest, signedHeaders: string[]): string {
  const headerNames = [...new Set(signedHeaders)].sort();
  const canonicalHeaders = headerNames
    .map((name) => `${name}:${(headerValue(request.headers, name) ?? '').trim()}\n`)
    .join('');

  return [
    request.method,
    canonicalPath(request.path),
    canonicalizeParameters(request.query),
    canonicalHeaders,
    headerNames.join(';'),
    headerValue(request.headers, 'x-acs-content-sha256') ?? '',
  ].join('\n');
}

function canonicalPath(path: string): string {
  try {
    return path
      .split('/')
      .map((segment) => percentEncode(decodeURIComponent(segment)))
      .join('/');
  } catch {
    throw gatewayErrors.incompleteSignature(
      `The request path ${path} is not validly percent-encoded.`,
    );
  }
}

function hexEquals(expected: string, provided: string): boolean {
  const expectedBytes = Buffer.from(expected, 'utf8');
  const providedBytes = Buffer.from(provided.toLowerCase(), 'utf8');
  return (
    expectedBytes.length === providedBytes.length && timingSafeEqual(expectedBytes, providedBytes)
  );
}
