import type { Logger } from '../logger';
import type { EcdClient } from './client';
import { ECD_REGIONS, REGION_ID_PATTERN } from './regions';

/**
 * The regions offered in the request modal. Without ALLOWED_REGIONS they are the built-in list,
 * replaced in the background by what DescribeRegions returns. `regions()` is synchronous, so the
 * modal never waits for Alibaba.
 */
export class RegionCatalogue {
  private known: readonly string[] = ECD_REGIONS;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly allowed: readonly string[] | undefined,
    private readonly client: Pick<EcdClient, 'call'>,
    private readonly log: Logger,
  ) {}

  /** Returns the regions to offer now. */
  regions(): readonly string[] {
    return this.allowed ?? this.known;
  }

  /** Asks DescribeRegions for the current list; a failure keeps the list there is. */
  async refresh(): Promise<void> {
    if (this.allowed) return;
    try {
      const body = await this.client.call('DescribeRegions', this.known[0], { AcceptLanguage: 'en' }, this.log);
      const regions = readRegionIds(body);
      if (regions.length === 0) throw new Error('DescribeRegions returned no regions');
      this.known = regions.slice(0, 100);
      this.log.info({ count: this.known.length }, 'region list refreshed');
    } catch (error) {
      this.log.warn({ err: error }, 'region list refresh failed, keeping the current list');
    }
  }

  /** Refreshes now, in the background, and then every interval until stop(). */
  start(intervalMs: number): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

function readRegionIds(body: Record<string, unknown>): string[] {
  const regions = (body.Regions ?? []) as { RegionId?: unknown }[];
  if (!Array.isArray(regions)) return [];
  return regions.map((region) => region.RegionId).filter((id): id is string => typeof id === 'string' && REGION_ID_PATTERN.test(id));
}
