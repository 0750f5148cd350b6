/**
 * `npm start`: the main job on the embedded default. Starts the local ECS/VPC emulator and takes a
 * short scripted tour with the unmodified official SDK: create an ENI (the account's new default
 * turns Source/Destination Check on), turn the check off as a NAT instance needs, read it back,
 * delete it. Every step prints what was sent and what the emulator answered.
 */
import EcsClient, * as ecs from "@alicloud/ecs20140526";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { startEmulator } from "../emulator/server";
import { DEFAULT_SEED } from "../emulator/state/seed";

const PUBLIC_VSWITCH = "vsw-bp1public0h7k2m5q8t1wx";
const NAT_SECURITY_GROUP = "sg-bp1nat9q4w1e7r3t6y0ub2";

function step(n: number, text: string): void {
  process.stdout.write(`\n${n}. ${text}\n`);
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0, seed: DEFAULT_SEED });
  process.stdout.write(`ECS/VPC emulator at http://${emulator.endpoint} (region ${emulator.regionId}, account mode ${DEFAULT_SEED.sourceDestCheckMode})\n`);
  try {
    const client = new EcsClient(
      new $OpenApiUtil.Config({
        accessKeyId: emulator.credentials.accessKeyId,
        accessKeySecret: emulator.credentials.accessKeySecret,
        endpoint: emulator.endpoint,
        protocol: "http",
        regionId: emulator.regionId,
      }),
    );

    step(1, `CreateNetworkInterface in ${PUBLIC_VSWITCH}, SourceDestCheck left to the account's default`);
    const created = await client.createNetworkInterface(
      new ecs.CreateNetworkInterfaceRequest({
        regionId: emulator.regionId,
        vSwitchId: PUBLIC_VSWITCH,
        securityGroupIds: [NAT_SECURITY_GROUP],
        networkInterfaceName: "nat-eni",
        description: "ENI of a NAT instance",
      }),
    );
    const eniId = created.body?.networkInterfaceId ?? "";
    process.stdout.write(`   ${eniId} ${created.body?.privateIpAddress} mac ${created.body?.macAddress} SourceDestCheck=${created.body?.sourceDestCheck}\n`);
    if (created.body?.sourceDestCheck === true) {
      process.stdout.write("   The new default turned the check on: a NAT instance on this ENI would drop forwarded traffic.\n");
    }

    step(2, `ModifyNetworkInterfaceAttribute ${eniId} SourceDestCheck=false (NAT needs it off)`);
    await client.modifyNetworkInterfaceAttribute(
      new ecs.ModifyNetworkInterfaceAttributeRequest({ regionId: emulator.regionId, networkInterfaceId: eniId, sourceDestCheck: false }),
    );
    process.stdout.write("   accepted\n");

    step(3, `DescribeNetworkInterfaceAttribute ${eniId}`);
    const read = await client.describeNetworkInterfaceAttribute(
      new ecs.DescribeNetworkInterfaceAttributeRequest({ regionId: emulator.regionId, networkInterfaceId: eniId }),
    );
    process.stdout.write(`   status ${read.body?.status}, SourceDestCheck=${read.body?.sourceDestCheck}\n`);

    step(4, `DeleteNetworkInterface ${eniId}`);
    await client.deleteNetworkInterface(new ecs.DeleteNetworkInterfaceRequest({ regionId: emulator.regionId, networkInterfaceId: eniId }));
    const after = await client.describeNetworkInterfaces(
      new ecs.DescribeNetworkInterfacesRequest({ regionId: emulator.regionId, networkInterfaceId: [eniId] }),
    );
    process.stdout.write(`   gone: ${after.body?.networkInterfaceSets?.networkInterfaceSet?.length === 0}\n`);
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
