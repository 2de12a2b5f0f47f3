/** An ECD region as DescribeRegions lists it. */
export interface EcdRegion {
  regionId: string;
  englishName: string;
  chineseName: string;
}

// Regions with a public ECD endpoint, ecd.<regionId>.aliyuncs.com, without the finance clouds.
// The real DescribeRegions list changes as Alibaba opens regions.
export const ECD_REGIONS: readonly EcdRegion[] = [
  { regionId: 'cn-hangzhou', englishName: 'China (Hangzhou)', chineseName: '华东1（杭州）' },
  { regionId: 'cn-shanghai', englishName: 'China (Shanghai)', chineseName: '华东2（上海）' },
  {
    regionId: 'cn-nanjing',
    englishName: 'China (Nanjing - Local Region)',
    chineseName: '华东5（南京-本地地域）',
  },
  { regionId: 'cn-qingdao', englishName: 'China (Qingdao)', chineseName: '华北1（青岛）' },
  { regionId: 'cn-beijing', englishName: 'China (Beijing)', chineseName: '华北2（北京）' },
  {
    regionId: 'cn-zhangjiakou',
    englishName: 'China (Zhangjiakou)',
    chineseName: '华北3（张家口）',
  },
  { regionId: 'cn-wulanchabu', englishName: 'China (Ulanqab)', chineseName: '华北6（乌兰察布）' },
  { regionId: 'cn-shenzhen', englishName: 'China (Shenzhen)', chineseName: '华南1（深圳）' },
  { regionId: 'cn-guangzhou', englishName: 'China (Guangzhou)', chineseName: '华南3（广州）' },
  { regionId: 'cn-chengdu', englishName: 'China (Chengdu)', chineseName: '西南1（成都）' },
  { regionId: 'cn-hongkong', englishName: 'China (Hong Kong)', chineseName: '中国香港' },
  { regionId: 'ap-northeast-1', englishName: 'Japan (Tokyo)', chineseName: '日本（东京）' },
  { regionId: 'ap-southeast-1', englishName: 'Singapore', chineseName: '新加坡' },
  {
    regionId: 'ap-southeast-5',
    englishName: 'Indonesia (Jakarta)',
    chineseName: '印度尼西亚（雅加达）',
  },
  {
    regionId: 'ap-southeast-6',
    englishName: 'Philippines (Manila)',
    chineseName: '菲律宾（马尼拉）',
  },
  { regionId: 'ap-southeast-7', englishName: 'Thailand (Bangkok)', chineseName: '泰国（曼谷）' },
  { regionId: 'us-east-1', englishName: 'US (Virginia)', chineseName: '美国（弗吉尼亚）' },
  { regionId: 'us-west-1', englishName: 'US (Silicon Valley)', chineseName: '美国（硅谷）' },
  { regionId: 'eu-central-1', englishName: 'Germany (Frankfurt)', chineseName: '德国（法兰克福）' },
  { regionId: 'eu-west-1', englishName: 'UK (London)', chineseName: '英国（伦敦）' },
  { regionId: 'me-east-1', englishName: 'UAE (Dubai)', chineseName: '阿联酋（迪拜）' },
  { regionId: 'me-central-1', englishName: 'Saudi Arabia (Riyadh)', chineseName: '沙特（利雅得）' },
];

export function isEcdRegion(regionId: string): boolean {
  return ECD_REGIONS.some((region) => region.regionId === regionId);
}

/** Returns the public ECD endpoint of a region, which also serves as HostId in error bodies. */
export function regionEndpoint(regionId: string): string {
  return `ecd.${regionId}.aliyuncs.com`;
}
