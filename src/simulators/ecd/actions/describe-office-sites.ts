import { gatewayErrors } from '../api-error';
import type { OfficeSiteRecord } from '../resources';
import { requireRegion, type ActionContext } from './action-context';

const OFFICE_SITE_TYPES = ['SIMPLE', 'AD_CONNECTOR'];
const MAX_OFFICE_SITE_IDS = 100;
const NEXT_TOKEN_PREFIX = 'offset:';

/**
 * Lists the region's office networks, filtered by `OfficeSiteId.N`, OfficeSiteType and Status,
 * one page of MaxResults at a time. Each read of an attaching office network counts toward it
 * showing `attached`.
 */
export function describeOfficeSites(context: ActionContext): Record<string, unknown> {
  const { parameters, resources } = context;
  const regionId = requireRegion(parameters);
  const matches = filterOfficeSites(context, resources.officeSitesIn(regionId));

  const maxResults = parameters.integer('MaxResults', { min: 1, max: 100, defaultValue: 10 });
  const offset = decodeNextToken(parameters.optional('NextToken'));
  const page = matches.slice(offset, offset + maxResults);
  const nextOffset = offset + maxResults;

  return {
    TotalCount: matches.length,
    ...(nextOffset < matches.length ? { NextToken: encodeNextToken(nextOffset) } : {}),
    OfficeSites: page.map((site) => describeOfficeSite(context, site)),
  };
}

function filterOfficeSites(context: ActionContext, sites: OfficeSiteRecord[]): OfficeSiteRecord[] {
  const { parameters } = context;
  const ids = parameters.list('OfficeSiteId');
  if (ids.length > MAX_OFFICE_SITE_IDS) {
    throw gatewayErrors.invalidParameter(
      'OfficeSiteId',
      `at most ${MAX_OFFICE_SITE_IDS} IDs may be given.`,
    );
  }
  const type = parameters.optional('OfficeSiteType');
  if (type !== undefined && !OFFICE_SITE_TYPES.includes(type)) {
    throw gatewayErrors.invalidParameter(
      'OfficeSiteType',
      `${type} is not one of ${OFFICE_SITE_TYPES.join(', ')}.`,
    );
  }
  const status = parameters.optional('Status');

  return sites.filter(
    (site) =>
      (ids.length === 0 || ids.includes(site.officeSiteId)) &&
      (type === undefined || site.officeSiteType === type) &&
      (status === undefined || site.status === status),
  );
}

/** Describes one office network. CenId and CenAttachStatus are absent until it joins a CEN. */
function describeOfficeSite(
  context: ActionContext,
  site: OfficeSiteRecord,
): Record<string, unknown> {
  const cenAttachStatus = context.resources.readAttachStatus(site);
  return {
    OfficeSiteId: site.officeSiteId,
    Name: site.name,
    Status: site.status,
    OfficeSiteType: site.officeSiteType,
    VpcType: site.vpcType,
    CidrBlock: site.cidrBlock,
    CreationTime: site.creationTime,
    ...(site.cenId ? { CenId: site.cenId, CenAttachStatus: cenAttachStatus } : {}),
  };
}

function encodeNextToken(offset: number): string {
  return Buffer.from(`${NEXT_TOKEN_PREFIX}${offset}`, 'utf8').toString('base64url');
}

function decodeNextToken(token: string | undefined): number {
  if (token === undefined) {
    return 0;
  }
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  const offset = Number(decoded.slice(NEXT_TOKEN_PREFIX.length));
  if (!decoded.startsWith(NEXT_TOKEN_PREFIX) || !Number.isInteger(offset) || offset < 0) {
    throw gatewayErrors.invalidParameter(
      'NextToken',
      `${token} was not returned by DescribeOfficeSites.`,
    );
  }
  return offset;
}
