import { RegionCatalogue } from '../../src/alicloud/region-catalogue';
import { ECD_REGIONS } from '../../src/alicloud/regions';
import { createLogger } from '../../src/logger';

const log = createLogger('error');

describe('RegionCatalogue', () => {
  it('offers the built-in list before any refresh', () => {
    const catalogue = new RegionCatalogue(undefined, { call: jest.fn() }, log);

    expect(catalogue.regions()).toEqual(ECD_REGIONS);
  });

  it('replaces the list with what DescribeRegions returns', async () => {
    const call = jest.fn().mockResolvedValue({ Regions: [{ RegionId: 'cn-hangzhou' }, { RegionId: 'ap-southeast-9' }, { RegionId: 'not a region' }] });
    const catalogue = new RegionCatalogue(undefined, { call }, log);

    await catalogue.refresh();

    expect(catalogue.regions()).toEqual(['cn-hangzhou', 'ap-southeast-9']);
    expect(call.mock.calls[0][0]).toBe('DescribeRegions');
  });

  it('keeps the list when the refresh fails', async () => {
    const catalogue = new RegionCatalogue(undefined, { call: jest.fn().mockRejectedValue(new Error('down')) }, log);

    await catalogue.refresh();

    expect(catalogue.regions()).toEqual(ECD_REGIONS);
  });

  it('answers at once while a refresh is still waiting', () => {
    const catalogue = new RegionCatalogue(undefined, { call: () => new Promise(() => undefined) }, log);

    void catalogue.refresh();

    expect(catalogue.regions()).toEqual(ECD_REGIONS);
  });

  it('offers exactly ALLOWED_REGIONS and asks Alibaba nothing', async () => {
    const call = jest.fn();
    const catalogue = new RegionCatalogue(['cn-shanghai'], { call }, log);

    await catalogue.refresh();

    expect(catalogue.regions()).toEqual(['cn-shanghai']);
    expect(call).not.toHaveBeenCalled();
  });
});
