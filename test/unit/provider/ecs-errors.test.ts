import { describe, expect, it } from "vitest";
import { ecsError, isEcsError, isNotFound, isRetryable, isThrottling, toEcsError } from "../../../provider/ecs/errors";
import { sdkError } from "./fake-ecs-api";

describe("toEcsError", () => {
  it("keeps Code, HTTP status, RequestId, action and resource, and names them in the message", () => {
    const error = toEcsError(sdkError(404, "InvalidEniId.NotFound"), "DescribeNetworkInterfaces", "eni-1");
    expect(error).toMatchObject({ name: "EcsError", code: "InvalidEniId.NotFound", httpStatus: 404, requestId: "r-1", action: "DescribeNetworkInterfaces", resource: "eni-1" });
    expect(error.message).toBe("DescribeNetworkInterfaces eni-1 failed: InvalidEniId.NotFound (HTTP 404, RequestId r-1): InvalidEniId.NotFound happened");
    expect(isEcsError(error)).toBe(true);
  });
  it("reads retryAfter of a throttling error", () => {
    expect(toEcsError(sdkError(400, "Throttling.User", { retryAfter: 1500 }), "A").retryAfterMs).toBe(1500);
  });
  it("maps httpx read timeouts and socket errors", () => {
    const timeout = Object.assign(new Error("ReadTimeout(10)"), { name: "RequestTimeoutError" });
    expect(toEcsError(timeout, "A").code).toBe("RequestTimeout");
    expect(toEcsError(Object.assign(new Error("reset"), { code: "ECONNRESET" }), "A").code).toBe("NetworkError");
    expect(toEcsError(new Error("boom"), "A").code).toBe("UnknownError");
  });
  it("passes an EcsError through unchanged", () => {
    const original = ecsError({ code: "X", action: "A", apiMessage: "m" });
    expect(toEcsError(original, "B")).toBe(original);
  });
});

describe("classification", () => {
  it.each<[string, number | undefined, boolean, boolean, boolean]>([
    // code, status, notFound, throttling, retryable
    ["InvalidEniId.NotFound", 404, true, false, false],
    ["InvalidInstanceId.NotFound", 404, true, false, false],
    ["InvalidRouteEntry.NotFound", 404, true, false, false],
    ["InvalidAction.NotFound", 404, false, false, false],
    ["InvalidAccessKeyId.NotFound", 404, false, false, false],
    ["InvalidRegionId.NotFound", 404, false, false, false],
    ["Throttling.User", 400, false, true, true],
    ["Throttling", 503, false, true, true],
    ["ServiceUnavailable", 503, false, false, true],
    ["InternalError", 500, false, false, true],
    ["RequestTimeout", undefined, false, false, true],
    ["NetworkError", undefined, false, false, true],
    ["InvalidParameter", 400, false, false, false],
    ["InvalidOperation.InvalidEniState", 403, false, false, false],
    ["IdempotentParameterMismatch", 400, false, false, false],
  ])("%s (HTTP %s)", (code, httpStatus, notFound, throttling, retryable) => {
    const error = ecsError({ code, httpStatus, action: "A", apiMessage: "m" });
    expect([isNotFound(error), isThrottling(error), isRetryable(error)]).toEqual([notFound, throttling, retryable]);
  });
  it("plain errors are none of these", () => {
    expect([isNotFound(new Error("x")), isThrottling(new Error("x")), isRetryable(new Error("x"))]).toEqual([false, false, false]);
  });
});
