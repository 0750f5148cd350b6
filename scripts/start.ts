/**
 * `npm start`: the main job on the embedded default.
 *
 * 1. Starts the local ECS/VPC emulator (account mode: SourceDestCheck enabled by default).
 * 2. Builds the account "as it is today" through the official SDK: a NAT instance whose ENI got
 *    the check from the new default, an app server, and the private vSwitch's default route
 *    pointing at the NAT's ENI (scripts/demo-account.ts).
 * 3. Reads that account live, runs the root Pulumi program (index.ts) under mocks, and judges
 *    the capture taken on the NAT instance (examples/nat-instance/captures/nat-eth0.pcap) against both.
 * 4. Prints the before/after verdict and writes report.html (the account today, drops drawn).
 */
import { writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { startEmulator } from "../emulator/server";
import { DEFAULT_SEED } from "../emulator/state/seed";
import { checkPlan, diffPlans } from "../simulator/api";
import { loadPlan } from "../simulator/plan";
import { renderDiffTable, renderHtml, renderTable } from "../simulator/report";
import { buildDemoAccount } from "./demo-account";

const ROOT = resolve(__dirname, "..");
const CAPTURE = join(ROOT, "examples", "nat-instance", "captures", "nat-eth0.pcap");
const REPORT = resolve(process.cwd(), "report.html");

const color = process.stdout.isTTY === true && process.env["NO_COLOR"] === undefined;
const say = (text = ""): void => void process.stdout.write(`${text}\n`);
const heading = (text: string): void => say(color ? `\n\x1b[1m${text}\x1b[0m` : `\n${text}`);
const indent = (text: string): string => text.replace(/^(?=.)/gm, "   ");

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0, seed: DEFAULT_SEED, transitions: { instanceCreateMs: 200, instanceStartMs: 200, routeEntryMs: 100 } });
  try {
    heading(`1. The account today — local emulator at http://${emulator.endpoint} (${emulator.regionId}, new ENIs get SourceDestCheck ${DEFAULT_SEED.sourceDestCheckMode === "enabled-by-default" ? "ON" : "OFF"} by default)`);
    const account = await buildDemoAccount(emulator, say);

    heading("2. Read it live through the official ECS and VPC SDKs");
    const live = await loadPlan({ kind: "live", endpoint: emulator.url, credentials: emulator.credentials, region: emulator.regionId });
    say(`   ${live.networkInterfaces.length} ENIs, ${live.instances.length} instances, ${live.routeTables.reduce((n, t) => n + t.routes.length, 0)} custom routes`);

    const traffic = [CAPTURE];
    // Named by address: the program's NAT ENI has no cloud id before apply, but the same address.
    const captureEni = account.natAddress;
    heading(`3. Before: the live account against ${relative(process.cwd(), CAPTURE)} (tcpdump on the NAT instance's eth0)`);
    const before = await checkPlan({ plan: live, traffic, captureEni });
    say(indent(renderTable(before.report, { color, maxRows: 8 })));

    heading(`4. After: the Pulumi program ${relative(process.cwd(), join(ROOT, "index.ts"))}, run under mocks, against the same capture`);
    const change = await diffPlans({ from: live, to: ROOT, traffic, captureEni });
    const after = await checkPlan({ plan: change.to, traffic, captureEni });
    say(indent(renderTable(after.report, { color, maxRows: 8 })));
    say(indent(renderDiffTable(change.report, { color, maxRows: 8 })));

    writeFileSync(REPORT, renderHtml(before.report, before.topology, { title: "The account today: what Source/Destination Check drops" }));
    heading(`5. Wrote ${relative(process.cwd(), REPORT) || REPORT}: the account today, with the dropped traffic drawn on its topology`);
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
