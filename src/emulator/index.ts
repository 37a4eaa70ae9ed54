import { createEmulator } from "./handle.js";
import { jiraProduct } from "./jira/product.js";
import { confluenceProduct } from "./confluence/product.js";

export { generateSite, DEFAULT_ADMIN_TOKEN, type WorldOptions } from "./world.js";
export { Site } from "./site.js";
export type { EmuRequest, EmuResponse } from "./http.js";
export type { Operation, Product } from "./operation.js";

/** The emulator of every product atlasgym covers. */
export const emulator = createEmulator([jiraProduct, confluenceProduct]);
export const handle = emulator.handle;
