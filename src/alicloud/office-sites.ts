/** An office network as DescribeOfficeSites returns it, in the fields this app reads. */
export interface OfficeSite {
  officeSiteId: string;
  name: string;
  status: string;
  vpcType: string;
  officeSiteType: string;
  cidrBlock: string;
  cenId?: string;
  cenAttachStatus?: string;
}

/** Reads the office networks of a DescribeOfficeSites response, skipping entries without an ID. */
export function readOfficeSites(body: Record<string, unknown>): OfficeSite[] {
  const sites = Array.isArray(body.OfficeSites) ? (body.OfficeSites as Record<string, unknown>[]) : [];
  return sites
    .filter((site) => typeof site.OfficeSiteId === 'string')
    .map((site) => ({
      officeSiteId: site.OfficeSiteId as string,
      name: text(site.Name) ?? (site.OfficeSiteId as string),
      status: text(site.Status) ?? '',
      vpcType: text(site.VpcType) ?? '',
      officeSiteType: text(site.OfficeSiteType) ?? '',
      cidrBlock: text(site.CidrBlock) ?? '',
      cenId: text(site.CenId),
      cenAttachStatus: text(site.CenAttachStatus),
    }));
}

/**
 * Explains why an office network cannot be bound to a CEN instance, or returns undefined when it
 * can: only an advanced (`standard` VPC type) network that is registered and in no CEN yet.
 */
export function whyNotBindable(site: OfficeSite): string | undefined {
  if (site.vpcType.toLowerCase() === 'basic') return 'a basic office network cannot join a CEN instance';
  if (site.cenId) return `already attached to ${site.cenId}`;
  if (site.status !== 'REGISTERED') return `its status is ${site.status || 'unknown'}, not REGISTERED`;
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
