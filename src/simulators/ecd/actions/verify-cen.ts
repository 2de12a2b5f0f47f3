import { EcdApiError, gatewayErrors } from '../api-error';
import { formatCidr, overlaps, parseCidr, recommendFreeBlocks, type Ipv4Block } from '../cidr';
import type { CenRecord } from '../resources';
import { requireRegion, type ActionContext } from './action-context';
import { checkVerifyCode, resolveForeignCen } from './cen-access';

/** Error codes that VerifyCen documents as values of Status. */
const STATUS_CODES = new Set([
  'InvalidCen.CenUidInvalid',
  'InvalidCen.ParameterCenInstanceId',
  'VerifyCode.InvalidTokenCode',
  'VerifyCode.ReachTokenRetryTime',
]);

const RECOMMENDED_BLOCK_COUNT = 3;

/**
 * Checks the CEN instance, owner and code, then whether CidrBlock overlaps a CEN route. A
 * rejection comes back as Status or as an error body, as the simulator's settings choose.
 */
export function verifyCen(context: ActionContext): Record<string, unknown> {
  const { parameters } = context;
  const regionId = requireRegion(parameters);
  const cenId = parameters.required('CenId');
  const cidrBlock = parameters.required('CidrBlock');
  const requested = parseCidr(cidrBlock);
  if (!requested) {
    throw gatewayErrors.invalidParameter(
      'CidrBlock',
      `${cidrBlock} is not an IPv4 CIDR block such as 10.0.0.0/12.`,
    );
  }

  try {
    const cen = resolveForeignCen(context, regionId, cenId, parameters.optional('CenOwnerId'));
    checkVerifyCode(context, cen, parameters.optional('VerifyCode'));
    return checkCidrConflicts(context, cen, requested);
  } catch (error) {
    const asStatus = context.settings.verifyCenRejections === 'status';
    if (asStatus && error instanceof EcdApiError && STATUS_CODES.has(error.code)) {
      return { Status: error.code };
    }
    throw error;
  }
}

/** Returns Access when no route overlaps, else Conflict with three free blocks to use instead. */
function checkCidrConflicts(
  context: ActionContext,
  cen: CenRecord,
  requested: Ipv4Block,
): Record<string, unknown> {
  const routes = context.resources.routesOf(cen).map((route) => ({
    route,
    block: parseCidr(route.destinationCidrBlock) as Ipv4Block,
  }));
  const routeEntries = routes.map(({ route, block }) => ({
    DestinationCidrBlock: route.destinationCidrBlock,
    NextHopInstanceId: route.nextHopInstanceId,
    RegionId: route.regionId,
    Status: overlaps(block, requested) ? 'Conflict' : 'Access',
  }));

  if (routeEntries.every((entry) => entry.Status === 'Access')) {
    return { Status: 'Access', RouteEntries: routeEntries };
  }
  const occupied = routes.map(({ block }) => block);
  const cidrBlocks = recommendFreeBlocks(requested, occupied, RECOMMENDED_BLOCK_COUNT).map(
    formatCidr,
  );
  return { Status: 'Conflict', CidrBlocks: cidrBlocks, RouteEntries: routeEntries };
}
