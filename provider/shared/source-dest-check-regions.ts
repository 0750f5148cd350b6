/**
 * The 28 regions where ECS offers Source/Destination Check (seed 001, "Supported regions").
 * Kept separate from the emulator's copy on purpose: the provider depends on nothing in emulator/.
 */
export const SOURCE_DEST_CHECK_REGIONS: readonly string[] = [
  "cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu", "cn-hangzhou",
  "cn-shanghai", "cn-nanjing", "cn-fuzhou", "cn-shenzhen", "cn-heyuan", "cn-guangzhou", "cn-chengdu",
  "cn-hongkong", "cn-wuhan-lr", "ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6",
  "ap-southeast-7", "ap-northeast-1", "ap-northeast-2", "us-east-1", "us-west-1", "na-south-1",
  "eu-central-1", "eu-west-1", "me-east-1",
];

export function supportsSourceDestCheck(region: string): boolean {
  return SOURCE_DEST_CHECK_REGIONS.includes(region);
}
