/**
 * The 28 regions where Source/Destination Check exists (seed 001, "Supported regions"). In any
 * other region the feature is off whatever the ENI says, so a plan that relies on it there
 * protects nothing.
 */
export const SOURCE_DEST_CHECK_REGIONS: ReadonlySet<string> = new Set([
  "cn-qingdao",
  "cn-beijing",
  "cn-zhangjiakou",
  "cn-huhehaote",
  "cn-wulanchabu",
  "cn-hangzhou",
  "cn-shanghai",
  "cn-nanjing",
  "cn-fuzhou",
  "cn-shenzhen",
  "cn-heyuan",
  "cn-guangzhou",
  "cn-chengdu",
  "cn-hongkong",
  "cn-wuhan-lr",
  "ap-southeast-1",
  "ap-southeast-3",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ap-northeast-1",
  "ap-northeast-2",
  "us-east-1",
  "us-west-1",
  "na-south-1",
  "eu-central-1",
  "eu-west-1",
  "me-east-1",
]);

export const supportsSourceDestCheck = (region: string): boolean => SOURCE_DEST_CHECK_REGIONS.has(region);
