import type { EcsApi, EcsApiMethod } from "../../../provider/ecs/api";

export interface FakeEcsApi {
  readonly api: EcsApi;
  readonly calls: Array<{ method: EcsApiMethod; request: unknown }>;
  count(method: EcsApiMethod): number;
}

/** An EcsApi whose every method not given in `handlers` fails loudly, recording every call. */
export function fakeEcsApi(handlers: Partial<EcsApi>): FakeEcsApi {
  const calls: Array<{ method: EcsApiMethod; request: unknown }> = [];
  const api = new Proxy({} as EcsApi, {
    get(_target, property) {
      const method = String(property) as EcsApiMethod;
      const handler = handlers[method] as ((request: unknown) => Promise<unknown>) | undefined;
      return async (request: unknown) => {
        calls.push({ method, request });
        if (handler === undefined) throw new Error(`unexpected EcsApi call: ${method}(${JSON.stringify(request)})`);
        return handler(request);
      };
    },
  });
  return { api, calls, count: (method) => calls.filter((c) => c.method === method).length };
}

/** An error shaped like the SDK's ResponseError family. */
export function sdkError(statusCode: number, code: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`code: ${statusCode}, msg request id: r-1`), {
    statusCode, code, requestId: "r-1", data: { Code: code, Message: `${code} happened`, RequestId: "r-1" }, ...extra,
  });
}

/** A clock whose sleep advances time instantly. */
export function fakeClock(start = 0): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    slept,
  };
}
