import { OpenApiUtil } from "@alicloud/openapi-core";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ActionDefinition } from "../../../emulator/actions/action";
import { withEmulator } from "../../support/sdk-clients";

/**
 * The HTTP layer parses each query text once and reuses the parse (emulator/http/query-cache.ts).
 * These calls repeat one query text with and without a form body: a reused parse must never
 * carry one call's body into another call, nor let a body repeat a query key.
 */
const ACTIONS: ActionDefinition[] = [
  { product: "Ecs", name: "DescribeNetworkInterfaces", mutates: false, handle: (ctx) => ({ Params: Object.fromEntries(ctx.params) }) },
];
const fx = withEmulator({ actions: ACTIONS });
const QUERY = { RegionId: "cn-hangzhou", MaxResults: "10" };
let nonce = 0;

/** A hand-made ACS3 call (the SDK cannot send a query and a form body together), signed with the SDK's signer. */
async function call(body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const { accessKeyId, accessKeySecret } = fx.emulator.credentials;
  const hash = createHash("sha256").update(body).digest("hex");
  const headers: Record<string, string> = {
    host: fx.emulator.endpoint,
    "x-acs-action": "DescribeNetworkInterfaces",
    "x-acs-version": "2014-05-26",
    "x-acs-date": new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    "x-acs-signature-nonce": `query-reuse-${process.pid}-${++nonce}`,
    "x-acs-content-sha256": hash,
    ...(body === "" ? {} : { "content-type": "application/x-www-form-urlencoded" }),
  };
  const request = { method: "POST", pathname: "/", query: QUERY, headers } as unknown as Parameters<typeof OpenApiUtil.getAuthorization>[0];
  headers["authorization"] = OpenApiUtil.getAuthorization(request, "ACS3-HMAC-SHA256", hash, accessKeyId, accessKeySecret);
  const response = await fetch(`${fx.emulator.url}/?${new URLSearchParams(QUERY).toString()}`, { method: "POST", headers, ...(body === "" ? {} : { body }) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("one query text, parsed once, with and without a form body", () => {
  it("gives each call its own parameters and still refuses a key in both query and body", async () => {
    expect(await call("")).toMatchObject({ status: 200, json: { Params: QUERY } });
    expect(await call("Description=from%20body")).toMatchObject({ status: 200, json: { Params: { ...QUERY, Description: "from body" } } });
    expect(await call("Description=again")).toMatchObject({ status: 200, json: { Params: { ...QUERY, Description: "again" } } });
    const repeated = await call("RegionId=cn-beijing");
    expect(repeated).toMatchObject({ status: 400, json: { Code: "InvalidParameter" } });
    expect(String(repeated.json["Message"])).toContain('"RegionId"');
    expect(await call("MaxResults=5")).toMatchObject({ status: 400, json: { Code: "InvalidParameter" } });
    const again = await call("");
    expect(again).toMatchObject({ status: 200 });
    expect(again.json["Params"]).toEqual(QUERY);
  });
});
