import { gatewayErrors } from '../api-error';
import { ECD_REGIONS, regionEndpoint } from '../regions';
import { requireRegion, type ActionContext } from './action-context';

// NOTE: the real default of AcceptLanguage is not documented. Chinese names by default make a
// caller that forgets to ask for English visible.
const DEFAULT_LANGUAGE = 'zh';

/** Lists the ECD regions with their endpoints and names in the requested language. */
export function describeRegions(context: ActionContext): Record<string, unknown> {
  requireRegion(context.parameters);
  const language = context.parameters.optional('AcceptLanguage') ?? DEFAULT_LANGUAGE;
  if (language !== 'en' && language !== 'zh') {
    throw gatewayErrors.invalidParameter(
      'AcceptLanguage',
      `${language} is not supported; use en or zh.`,
    );
  }

  const regions = ECD_REGIONS.map((region) => ({
    RegionId: region.regionId,
    RegionEndpoint: regionEndpoint(region.regionId),
    LocalName: language === 'en' ? region.englishName : region.chineseName,
  }));
  return { Regions: regions };
}
