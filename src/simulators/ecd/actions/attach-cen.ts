import { ecdErrors } from '../ecd-errors';
import { requireRegion, type ActionContext } from './action-context';
import { checkVerifyCode, resolveForeignCen } from './cen-access';

/**
 * Attaches an advanced office network to another account's CEN instance. The office network is
 * checked before the code, so a network that cannot join does not use up code attempts.
 */
export function attachCen(context: ActionContext): Record<string, unknown> {
  const { parameters, resources } = context;
  const regionId = requireRegion(parameters);
  const cenId = parameters.required('CenId');
  const officeSiteId = parameters.required('OfficeSiteId');

  const site = resources.findOfficeSite(officeSiteId, regionId);
  if (!site) {
    throw ecdErrors.officeSiteNotFound(officeSiteId);
  }
  const cen = resolveForeignCen(context, regionId, cenId, parameters.optional('CenOwnerId'));
  if (site.vpcType.toLowerCase() === 'basic') {
    throw ecdErrors.basicNetwork(officeSiteId);
  }
  if (site.cenId) {
    throw ecdErrors.alreadyAttached(officeSiteId, site.cenId);
  }

  // NOTE: unlike VerifyCen this does not check CIDR conflicts. The real service may reject an
  // overlapping network here, so the app should call VerifyCen first.
  checkVerifyCode(context, cen, parameters.optional('VerifyCode'));
  context.codes.consume(cen.ownerId, cen.cenId);
  resources.attach(site, cen.cenId, context.settings.readsUntilAttached);
  return {};
}
