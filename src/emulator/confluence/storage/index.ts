export type { StorageElement, StorageNode, StorageParse, StorageTaskItem, StorageText } from "./types.js";
export { parseStorage, MAX_STORAGE_DEPTH } from "./parse.js";
export { storageToAdf, storageTreeToAdf, type StorageToAdfOptions } from "./to-adf.js";
export { adfToStorage, escapeStorageText, escapeStorageAttr } from "./from-adf.js";
export { storageToText, storageTaskItems } from "./text.js";
