import { gatewayErrors } from '../api-error';
import { parseExtraInfo } from '../extra-info';
import { requireRegion, type ActionContext } from './action-context';
import { resolveForeignCen } from './cen-access';

/** The only VerifyCodeAction that ECD documents. */
export const CEN_VERIFICATION_ACTION = 'eds_cenID_securityverification';

/**
 * Emails a new verification code to the CEN owner account. ExtraInfo is required here because
 * every simulated CEN belongs to another account, but the real API lets a CEN's owner omit it.
 */
export function sendVerifyCode(context: ActionContext): Record<string, unknown> {
  const regionId = requireRegion(context.parameters);
  const verifyCodeAction = context.parameters.required('VerifyCodeAction');
  if (verifyCodeAction !== CEN_VERIFICATION_ACTION) {
    throw gatewayErrors.invalidParameter(
      'VerifyCodeAction',
      `${verifyCodeAction} is not supported; the only valid value is ${CEN_VERIFICATION_ACTION}.`,
    );
  }

  const target = parseExtraInfo(context.parameters.required('ExtraInfo'));
  const cen = resolveForeignCen(context, regionId, target.cenId, target.cenOwnerId);
  context.codes.send(cen.ownerId, cen.cenId, context.now);
  return {};
}
