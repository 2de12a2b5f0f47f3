import { gatewayErrors } from '../api-error';
import { ecdErrors } from '../ecd-errors';
import type { CenRecord } from '../resources';
import type { ActionContext } from './action-context';

/**
 * Finds the CEN instance and checks that the owner account owns it. Every simulated CEN belongs
 * to another account, so a call without an owner ID is treated as naming a CEN the caller does
 * not own.
 */
export function resolveForeignCen(
  context: ActionContext,
  regionId: string,
  cenId: string,
  ownerId: string | undefined,
): CenRecord {
  if (ownerId !== undefined && !/^[0-9]+$/.test(ownerId)) {
    throw gatewayErrors.invalidParameter(
      'CenOwnerId',
      `${ownerId} must be an account ID written as digits.`,
    );
  }

  const cen = context.resources.findCen(cenId, regionId);
  if (!cen || ownerId === undefined) {
    throw ecdErrors.cenNotFound(cenId);
  }
  if (cen.ownerId !== ownerId) {
    throw ecdErrors.cenOwnerMismatch(cenId, ownerId);
  }
  return cen;
}

/** Checks the entered verification code, counting a wrong one against the retry limit. */
export function checkVerifyCode(
  context: ActionContext,
  cen: CenRecord,
  code: string | undefined,
): void {
  if (code === undefined) {
    throw gatewayErrors.missingParameter('VerifyCode');
  }

  const result = context.codes.check(cen.ownerId, cen.cenId, code, context.now);
  switch (result) {
    case 'valid':
      return;
    case 'invalid':
      throw ecdErrors.invalidCode();
    case 'retryLimitReached':
      throw ecdErrors.retryLimitReached();
  }
}
