import { createHmac, timingSafeEqual } from 'node:crypto';

import { gatewayErrors } from './api-error';
import { canonicalizeParameters, percentEncode } from './percent-encode';
import type { ReceivedRequest } from './received-request';

// Written from Alibaba Cloud's public description of the RPC signature (SignatureMethod HMAC-SHA1,
// SignatureVersion 1.0), which the Node SDK selects with `signatureAlgorithm: 'v2'`.

/** Common parameters of an HMAC-SHA1 RPC request, as opposed to the action's own parameters. */
export const RPC_SIGNATURE_PARAMETERS = [
  'AccessKeyId',
  'Action',
  'Format',
  'SecurityToken',
  'Signature',
  'SignatureMethod',
  'SignatureNonce',
  'SignatureType',
  'SignatureVersion',
  'Timestamp',
  'Version',
];

/** Parameters that must be present for the signature to be checked at all. */
const REQUIRED_PARAMETERS = [
  'AccessKeyId',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'Timestamp',
];

/** Raises `Missing<Name>` or IncompleteSignature for an absent or unsupported signature parameter. */
export function checkRpcSignatureParameters(parameters: Record<string, string>): void {
  for (const name of REQUIRED_PARAMETERS) {
    if (!parameters[name]) {
      throw gatewayErrors.missingParameter(name);
    }
  }
  if (parameters.SignatureMethod !== 'HMAC-SHA1' || parameters.SignatureVersion !== '1.0') {
    throw gatewayErrors.incompleteSignature(
      `SignatureMethod ${parameters.SignatureMethod} with SignatureVersion ${parameters.SignatureVersion} is not supported; use HMAC-SHA1 with 1.0.`,
    );
  }
}

/**
 * Recomputes `base64(HMAC-SHA1(secret + "&", METHOD&%2F&encode(sorted parameters)))` over every
 * query and form parameter except Signature, and raises SignatureDoesNotMatch when it differs.
 */
export function verifyRpcSignature(
  request: ReceivedRequest,
  signature: string,
  secret: string,
): void {
  const signedParameters = [...request.query, ...request.form].filter(
    ([name]) => name !== 'Signature',
  );
  const stringToSign =
    `${request.method}&${percentEncode('/')}&` +
    percentEncode(canonicalizeParameters(signedParameters));
  const expected = createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');

  const expectedBytes = Buffer.from(expected, 'utf8');
  const providedBytes = Buffer.from(signature, 'utf8');
  if (
    expectedBytes.length !== providedBytes.length ||
    !timingSafeEqual(expectedBytes, providedBytes)
  ) {
    throw gatewayErrors.signatureMismatch(stringToSign);
  }
}
