import { parseCidr } from './cidr';
import { isEcdRegion } from './regions';
import type { CenRouteSetup, CenSetup, OfficeSiteSetup, OfficeSiteView } from './types';

export interface CenRecord {
  cenId: string;
  ownerId: string;
  /** Regions in which ECD can find the instance, or undefined for every region. */
  regionIds?: Set<string>;
  routeEntries: CenRouteSetup[];
}

export interface OfficeSiteRecord extends OfficeSiteView {
  /** DescribeOfficeSites reads that will still show `attaching`. */
  attachingReadsLeft: number;
  creationTime: string;
}

/** The simulated CEN instances and office networks. */
export class EcdResources {
  private readonly cens = new Map<string, CenRecord>();
  private readonly officeSites = new Map<string, OfficeSiteRecord>();

  /** Adds a CEN instance, throwing on a malformed owner ID, region or route. */
  addCen(setup: CenSetup): void {
    const ownerId = String(setup.ownerId);
    if (!/^[1-9][0-9]*$/.test(ownerId)) {
      throw new Error(`CEN owner ID ${ownerId} must be a positive whole number written as digits.`);
    }
    for (const regionId of setup.regionIds ?? []) {
      requireRegion(regionId);
    }
    for (const route of setup.routeEntries ?? []) {
      requireCidr(route.destinationCidrBlock);
    }

    this.cens.set(setup.cenId, {
      cenId: setup.cenId,
      ownerId,
      regionIds: setup.regionIds ? new Set(setup.regionIds) : undefined,
      routeEntries: [...(setup.routeEntries ?? [])],
    });
  }

  /** Returns the CEN instance if ECD can see it from the region. */
  findCen(cenId: string, regionId: string): CenRecord | undefined {
    const cen = this.cens.get(cenId);
    if (!cen || (cen.regionIds && !cen.regionIds.has(regionId))) {
      return undefined;
    }
    return cen;
  }

  /** Adds an office network, throwing on an unknown region, malformed CIDR block or repeated ID. */
  addOfficeSite(setup: OfficeSiteSetup, now: Date): void {
    requireRegion(setup.regionId);
    requireCidr(setup.cidrBlock);
    if (this.officeSites.has(setup.officeSiteId)) {
      throw new Error(`Office network ${setup.officeSiteId} already exists.`);
    }

    this.officeSites.set(setup.officeSiteId, {
      ...setup,
      cenAttachStatus: setup.cenId ? 'attached' : undefined,
      attachingReadsLeft: 0,
      // ECD reports creation times to the minute, as in 2021-05-06T05:58Z.
      creationTime: now.toISOString().slice(0, 16) + 'Z',
    });
  }

  findOfficeSite(officeSiteId: string, regionId: string): OfficeSiteRecord | undefined {
    const site = this.officeSites.get(officeSiteId);
    return site?.regionId === regionId ? site : undefined;
  }

  /** Returns the office network's current description without counting a read. */
  viewOfficeSite(officeSiteId: string): OfficeSiteView | undefined {
    const site = this.officeSites.get(officeSiteId);
    if (!site) {
      return undefined;
    }
    const { attachingReadsLeft, creationTime, ...view } = site;
    return {
      ...view,
      cenAttachStatus: attachingReadsLeft > 0 ? 'attaching' : view.cenAttachStatus,
    };
  }

  officeSitesIn(regionId: string): OfficeSiteRecord[] {
    return [...this.officeSites.values()].filter((site) => site.regionId === regionId);
  }

  /** Returns the CEN's routes, including those of office networks attached to it. */
  routesOf(cen: CenRecord): CenRouteSetup[] {
    const officeSiteRoutes = [...this.officeSites.values()]
      .filter((site) => site.cenId === cen.cenId)
      .map((site) => ({
        destinationCidrBlock: site.cidrBlock,
        regionId: site.regionId,
        nextHopInstanceId: site.officeSiteId,
      }));
    return [...cen.routeEntries, ...officeSiteRoutes];
  }

  /** Attaches the office network, which reads as `attaching` for the given number of reads. */
  attach(site: OfficeSiteRecord, cenId: string, readsUntilAttached: number): void {
    site.cenId = cenId;
    site.cenAttachStatus = 'attached';
    site.attachingReadsLeft = readsUntilAttached;
  }

  /** Returns the attach status that one DescribeOfficeSites read shows, and counts the read. */
  readAttachStatus(site: OfficeSiteRecord): OfficeSiteView['cenAttachStatus'] {
    if (site.attachingReadsLeft > 0) {
      site.attachingReadsLeft -= 1;
      return 'attaching';
    }
    return site.cenAttachStatus;
  }
}

function requireRegion(regionId: string): void {
  if (!isEcdRegion(regionId)) {
    throw new Error(`Region ${regionId} is not one of the simulated ECD regions.`);
  }
}

function requireCidr(cidrBlock: string): void {
  if (!parseCidr(cidrBlock)) {
    throw new Error(`${cidrBlock} is not an IPv4 CIDR block such as 172.16.0.0/12.`);
  }
}
