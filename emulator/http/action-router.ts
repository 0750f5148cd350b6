import { PRODUCT_VERSIONS } from "../actions/action";
import type { ActionDefinition } from "../actions/action";
import { unknownAction } from "../errors";

export class ActionTableError extends Error {
  readonly code = "EMULATOR_DUPLICATE_ACTION";
  constructor(message: string) {
    super(message);
    this.name = "ActionTableError";
  }
}

/** Maps (`x-acs-version`, `x-acs-action`) to the action that serves it; built once at start. */
export class ActionRouter {
  private readonly byVersion = new Map<string, Map<string, ActionDefinition>>();

  constructor(actions: readonly ActionDefinition[]) {
    for (const action of actions) {
      const version = PRODUCT_VERSIONS[action.product];
      let table = this.byVersion.get(version);
      if (table === undefined) {
        table = new Map();
        this.byVersion.set(version, table);
      }
      if (table.has(action.name)) {
        throw new ActionTableError(`Action "${action.name}" of ${action.product} (${version}) is defined twice.`);
      }
      table.set(action.name, action);
    }
  }

  /** The action for this version and name, or the cloud's not-found error. */
  resolve(version: string, action: string): ActionDefinition {
    const found = this.byVersion.get(version)?.get(action);
    if (found === undefined) throw unknownAction(action, version);
    return found;
  }
}
