import type { ActionDefinition } from "./action";

/** Every action the emulator serves; the HTTP layer routes on (product, name). */
export const ACTIONS: readonly ActionDefinition[] = [];
