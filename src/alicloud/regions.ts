/**
 * Regions with an ECD endpoint `ecd.<region>.aliyuncs.com`, from the endpoint map of Alibaba's
 * generated C++ SDK (ecd-20200930) plus ap-southeast-2 (Sydney) from the Pro-edition endpoint page.
 */
export const ECD_REGIONS: readonly string[] = [
  'cn-hangzhou',
  'cn-shanghai',
  'cn-beijing',
  'cn-shenzhen',
  'cn-guangzhou',
  'cn-chengdu',
  'cn-qingdao',
  'cn-zhangjiakou',
  'cn-wulanchabu',
  'cn-nanjing',
  'cn-hongkong',
  'cn-hangzhou-finance',
  'cn-shanghai-finance-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ap-northeast-1',
  'us-west-1',
  'us-east-1',
  'eu-central-1',
  'eu-west-1',
  'me-east-1',
  'me-central-1',
];

export const REGION_ID_PATTERN = /^[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*$/;
