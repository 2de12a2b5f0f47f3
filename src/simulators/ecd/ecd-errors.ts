import { EcdApiError } from './api-error';

// NOTE: ECD's own error list is not public. The VerifyCode.* and InvalidCen.* codes are the
// documented values of VerifyCen's Status. The office-network codes below follow ECD's naming
// pattern but are not confirmed against the real service.

/** Errors of the CEN verification flow: SendVerifyCode, VerifyCen and AttachCen. */
export const ecdErrors = {
  cenNotFound: (cenId: string) =>
    new EcdApiError(
      400,
      'InvalidCen.ParameterCenInstanceId',
      `The CEN instance ${cenId} does not exist or does not belong to the CEN owner account given.`,
    ),

  cenOwnerMismatch: (cenId: string, ownerId: string) =>
    new EcdApiError(
      400,
      'InvalidCen.CenUidInvalid',
      `The account ${ownerId} does not own CEN instance ${cenId} or cannot use Elastic Desktop Service.`,
    ),

  invalidCode: () =>
    new EcdApiError(
      400,
      'VerifyCode.InvalidTokenCode',
      'The verification code is invalid or expired. Call SendVerifyCode to send a new one.',
    ),

  retryLimitReached: () =>
    new EcdApiError(
      400,
      'VerifyCode.ReachTokenRetryTime',
      'Too many wrong verification codes were entered. Call SendVerifyCode to send a new one.',
    ),

  officeSiteNotFound: (officeSiteId: string) =>
    new EcdApiError(
      404,
      'InvalidOfficeSiteId.NotFound',
      `The office network ${officeSiteId} does not exist.`,
    ),

  basicNetwork: (officeSiteId: string) =>
    new EcdApiError(
      400,
      'InvalidOfficeSite.VpcType',
      `The office network ${officeSiteId} is a basic network. Only advanced office networks can join a CEN instance.`,
    ),

  alreadyAttached: (officeSiteId: string, cenId: string) =>
    new EcdApiError(
      400,
      'InvalidOfficeSite.CenAttached',
      `The office network ${officeSiteId} is already attached to CEN instance ${cenId}. Detach it first.`,
    ),
};
