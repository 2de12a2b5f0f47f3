import { EcdApiError, gatewayErrors } from './api-error';
import { NonceRegistry } from './nonce-registry';
import { headerValue, mergedParameters, type ReceivedRequest } from './received-request';
import { checkRpcSignatureParameters, verifyRpcSignature } from './signature-v1';
import {
  ACS3_ALGORITHM,
  checkContentHash,
  checkSignedHeaders,
  parseAcs3Authorization,
  verifyAcs3Signature,
} from './signature-v3';
import type { AccessKeySetup } from './types';

/** How far `x-acs-date` or `Timestamp` may lie from the simulator clock, either way. */
export const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;

const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** The sender of a request and the gateway's verdict on it. */
export interface Authentication {
  /** The signature scheme the request uses, absent when it carries no recognisable signature. */
  scheme?: 'ACS3-HMAC-SHA256' | 'HMAC-SHA1';
  accessKeyId?: string;
  securityToken?: string;
  /** True once the signature matched the key's secret, even if a later check failed. */
  signatureValid: boolean;
  /** The reason the gateway rejects the request, absent when the request passes. */
  error?: EcdApiError;
}

/** Checks signatures (ACS3-HMAC-SHA256 or HMAC-SHA1), STS tokens, timestamps and nonces. */
export class Authenticator {
  private readonly nonces = new NonceRegistry(2 * TIMESTAMP_WINDOW_MS);

  constructor(
    private readonly accessKeys: Map<string, AccessKeySetup>,
    private readonly clock: () => Date,
  ) {}

  authenticate(request: ReceivedRequest): Authentication {
    const result: Authentication = { signatureValid: false };
    try {
      this.authenticateOrThrow(request, result);
    } catch (error) {
      if (!(error instanceof EcdApiError)) {
        throw error;
      }
      result.error = error;
    }
    return result;
  }

  private authenticateOrThrow(request: ReceivedRequest, result: Authentication): void {
    const authorization = headerValue(request.headers, 'authorization');
    if (authorization?.startsWith(ACS3_ALGORITHM)) {
      return this.authenticateAcs3(request, authorization, result);
    }

    const parameters = mergedParameters(request);
    if (parameters.Signature !== undefined) {
      return this.authenticateRpc(request, parameters, result);
    }

    const reason = authorization
      ? `The signature algorithm ${authorization.split(' ')[0]} is not supported; use ${ACS3_ALGORITHM}.`
      : `The request has neither an ${ACS3_ALGORITHM} Authorization header nor a Signature parameter.`;
    throw gatewayErrors.incompleteSignature(reason);
  }

  private authenticateAcs3(
    request: ReceivedRequest,
    authorization: string,
    result: Authentication,
  ): void {
    result.scheme = ACS3_ALGORITHM;
    const parsed = parseAcs3Authorization(authorization);
    result.accessKeyId = parsed.accessKeyId;
    result.securityToken = headerValue(request.headers, 'x-acs-security-token');
    const key = this.findKey(parsed.accessKeyId);

    checkSignedHeaders(request, parsed.signedHeaders);
    verifyAcs3Signature(request, parsed, key.secret);
    result.signatureValid = true;

    checkContentHash(request);
    const headerKeyId = headerValue(request.headers, 'x-acs-accesskey-id');
    if (headerKeyId !== undefined && headerKeyId !== parsed.accessKeyId) {
      throw gatewayErrors.incompleteSignature(
        `x-acs-accesskey-id ${headerKeyId} differs from the Credential ${parsed.accessKeyId} in Authorization.`,
      );
    }
    checkSecurityToken(key, result.securityToken);

    this.checkFreshness(
      parsed.accessKeyId,
      headerValue(request.headers, 'x-acs-date') ?? '',
      headerValue(request.headers, 'x-acs-signature-nonce') ?? '',
    );
  }

  private authenticateRpc(
    request: ReceivedRequest,
    parameters: Record<string, string>,
    result: Authentication,
  ): void {
    result.scheme = 'HMAC-SHA1';
    checkRpcSignatureParameters(parameters);
    result.accessKeyId = parameters.AccessKeyId;
    result.securityToken = parameters.SecurityToken;
    const key = this.findKey(parameters.AccessKeyId);

    verifyRpcSignature(request, parameters.Signature, key.secret);
    result.signatureValid = true;
    checkSecurityToken(key, parameters.SecurityToken);

    this.checkFreshness(parameters.AccessKeyId, parameters.Timestamp, parameters.SignatureNonce);
  }

  private findKey(accessKeyId: string): AccessKeySetup {
    const key = this.accessKeys.get(accessKeyId);
    if (!key) {
      throw gatewayErrors.accessKeyNotFound();
    }
    return key;
  }

  /** Rejects a timestamp outside the window, then claims the nonce so a replay fails. */
  private checkFreshness(accessKeyId: string, timestamp: string, nonce: string): void {
    const sentAt = Date.parse(timestamp);
    if (!TIMESTAMP_PATTERN.test(timestamp) || Number.isNaN(sentAt)) {
      throw gatewayErrors.timestampMalformed(timestamp);
    }

    const now = this.clock();
    if (Math.abs(now.getTime() - sentAt) > TIMESTAMP_WINDOW_MS) {
      throw gatewayErrors.timestampExpired();
    }
    if (!this.nonces.claim(accessKeyId, nonce, now)) {
      throw gatewayErrors.nonceUsed();
    }
  }
}

function checkSecurityToken(key: AccessKeySetup, provided: string | undefined): void {
  if (key.securityToken !== undefined && provided === undefined) {
    throw gatewayErrors.securityTokenMissing();
  }
  if (provided !== key.securityToken) {
    throw gatewayErrors.securityTokenMismatch();
  }
}
