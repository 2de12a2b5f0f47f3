/** An error the simulated ECD endpoint returns as an Alibaba error body. */
export class EcdApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EcdApiError';
  }
}

/** The JSON body Alibaba's API gateway sends with a 4xx or 5xx status. */
export interface AlibabaErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
}

/** Builds the error body, including the troubleshooting link that real responses carry. */
export function toErrorBody(
  error: EcdApiError,
  requestId: string,
  hostId: string,
): AlibabaErrorBody {
  const recommend =
    'https://api.aliyun.com/troubleshoot?q=' +
    encodeURIComponent(error.code) +
    '&product=Ecd&requestId=' +
    encodeURIComponent(requestId);

  return {
    RequestId: requestId,
    HostId: hostId,
    Code: error.code,
    Message: error.message,
    Recommend: recommend,
  };
}

/** The gateway's common errors, with the codes and messages of Alibaba's POP gateway. */
export const gatewayErrors = {
  missingParameter: (name: string) =>
    new EcdApiError(400, `Missing${name}`, `${name} is mandatory for this action.`),

  invalidParameter: (name: string, reason: string) =>
    new EcdApiError(
      400,
      'InvalidParameter',
      `The specified parameter ${name} is not valid: ${reason}`,
    ),

  actionNotFound: (action: string) =>
    new EcdApiError(
      404,
      'InvalidAction.NotFound',
      `Specified api ${action} is not found, please check your url and method.`,
    ),

  invalidVersion: (version: string) =>
    new EcdApiError(
      400,
      'InvalidVersion',
      `Specified parameter Version ${version} is not valid; use 2020-09-30.`,
    ),

  accessKeyNotFound: () =>
    new EcdApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'),

  incompleteSignature: (reason: string) =>
    new EcdApiError(
      400,
      'IncompleteSignature',
      `The request signature does not conform to Aliyun standards. ${reason}`,
    ),

  // NOTE: public reports show the real gateway returning either this code or IncompleteSignature
  // for a wrong signature, so callers should treat the two alike.
  signatureMismatch: (stringToSign: string) =>
    new EcdApiError(
      400,
      'SignatureDoesNotMatch',
      `Specified signature does not match our calculation. server string to sign is:${stringToSign}`,
    ),

  timestampMalformed: (value: string) =>
    new EcdApiError(
      400,
      'InvalidTimeStamp.Format',
      `Specified time stamp or date value ${value} is not well formatted; use YYYY-MM-DDThh:mm:ssZ in UTC.`,
    ),

  timestampExpired: () =>
    new EcdApiError(
      400,
      'InvalidTimeStamp.Expired',
      'Specified time stamp or date value is expired.',
    ),

  nonceUsed: () =>
    new EcdApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.'),

  securityTokenMissing: () =>
    new EcdApiError(
      400,
      'MissingSecurityToken',
      'SecurityToken is mandatory for an STS AccessKey.',
    ),

  securityTokenMismatch: () =>
    new EcdApiError(
      400,
      'InvalidSecurityToken.MismatchWithAccessKey',
      'Specified SecurityToken mismatch with the AccessKey.',
    ),

  regionNotFound: (regionId: string) =>
    new EcdApiError(
      404,
      'InvalidRegionId.NotFound',
      `The specified RegionId ${regionId} does not exist.`,
    ),

  throttled: () =>
    new EcdApiError(400, 'Throttling.User', 'Request was denied due to user flow control.'),

  serviceUnavailable: () =>
    new EcdApiError(
      503,
      'ServiceUnavailable',
      'The request has failed due to a temporary failure of the server.',
    ),

  internalError: () =>
    new EcdApiError(
      500,
      'InternalError',
      'The request processing has failed due to some unknown error, exception or failure.',
    ),
};
