import type { Logger } from '../logger';
import type { OfficeSite } from './office-sites';
import { whyNotBindable } from './office-sites';

/** The office networks of one region: those that can be bound, and the others with the reason. */
export interface RegionOfficeSites {
  bindable: OfficeSite[];
  excluded: { site: OfficeSite; reason: string }[];
}

interface Cached {
  sites: RegionOfficeSites;
  fetchedAt: number;
}

/** Lists office networks per region from DescribeOfficeSites, cached briefly for the modals. */
export class OfficeSiteDirectory {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly describe: (regionId: string, log: Logger) => Promise<OfficeSite[]>,
    private readonly ttlMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Lists the region's office networks, from the cache when it is fresh. */
  async list(regionId: string, log: Logger): Promise<RegionOfficeSites> {
    const cached = this.cache.get(regionId);
    if (cached && this.clock() - cached.fetchedAt < this.ttlMs) return cached.sites;

    const sites: RegionOfficeSites = { bindable: [], excluded: [] };
    for (const site of await this.describe(regionId, log)) {
      const reason = whyNotBindable(site);
      if (reason) sites.excluded.push({ site, reason });
      else sites.bindable.push(site);
    }
    this.cache.set(regionId, { sites, fetchedAt: this.clock() });
    return sites;
  }

  /** Returns a cached office network of the region, if the last listing had it as bindable. */
  cached(regionId: string, officeSiteId: string): OfficeSite | undefined {
    return this.cache.get(regionId)?.sites.bindable.find((site) => site.officeSiteId === officeSiteId);
  }
}
