import type { EmulatorStore } from "../state/store";
import type { RawParams } from "./action";
import { RENDERED_JSON } from "./action";

/** A body rendered once, good while the store's generation holds and the clock is in [readAt, stableUntil). */
interface CachedPage {
  readonly generation: number;
  readonly readAt: number;
  readonly stableUntil: number;
  readonly body: Record<string, unknown>;
}

/** Bounds memory: a page of 1,000 ENIs is ~700 KB of JSON, kept twice (object and bytes). */
const MAX_ENTRIES = 256;
const MAX_BYTES = 16 * 1024 * 1024;

/** Exactly the parameters as they arrived: another order is only a miss, never a wrong hit. */
function keyOf(params: RawParams): string {
  let key = "";
  for (const [name, value] of params) key += name + "\u0000" + value + "\u0001";
  return key;
}

/**
 * Describe pages by request parameters, per store. Pollers (controllers, the provider's
 * refresh) ask for the same page again and again; re-reading, re-rendering and re-serializing
 * 10 ENIs each time was most of the emulator's CPU per call. A hit needs the store unchanged
 * (`generation`) and no transition landing since (`stableUntil`), so it answers exactly what a
 * fresh read would. The cached body carries its encoded JSON under RENDERED_JSON; it is shared
 * between responses and must not be mutated.
 */
export class PageCache {
  private readonly byStore = new WeakMap<EmulatorStore, Map<string, CachedPage>>();
  /** JSON bytes held per store's pages, to start afresh before they grow past MAX_BYTES. */
  private readonly bytesByStore = new WeakMap<EmulatorStore, number>();

  get(store: EmulatorStore, params: RawParams, now: number): Record<string, unknown> | undefined {
    const page = this.byStore.get(store)?.get(keyOf(params));
    if (page === undefined || page.generation !== store.generation || now < page.readAt || now >= page.stableUntil) return undefined;
    return page.body;
  }

  /** Keeps `body` (with its JSON text attached) and returns it. */
  put(store: EmulatorStore, params: RawParams, readAt: number, stableUntil: number, body: Record<string, unknown>): Record<string, unknown> {
    const bytes = Buffer.from(JSON.stringify(body), "utf8");
    Object.defineProperty(body, RENDERED_JSON, { value: bytes, enumerable: false });
    if (stableUntil <= readAt || bytes.length > MAX_BYTES) return body;
    let pages = this.byStore.get(store);
    if (pages === undefined) this.byStore.set(store, (pages = new Map()));
    let held = this.bytesByStore.get(store) ?? 0;
    if (pages.size >= MAX_ENTRIES || held + bytes.length > MAX_BYTES) {
      pages.clear();
      held = 0;
    }
    pages.set(keyOf(params), { generation: store.generation, readAt, stableUntil, body });
    this.bytesByStore.set(store, held + bytes.length);
    return body;
  }
}
