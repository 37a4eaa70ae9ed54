import type { Operation, Product } from "../operation.js";
import { commentOperations } from "./comments.js";
import { getLabelPages, getLabels, getPageLabels } from "./labels.js";
import { v1LabelOperations } from "./labels-v1.js";
import { createPage } from "./pages/create.js";
import { deletePage } from "./pages/delete.js";
import { getPageById } from "./pages/get.js";
import { getPages, getPagesInSpace } from "./pages/list.js";
import { getChildPages, getPageAncestors, getPageDescendants } from "./pages/tree.js";
import { updatePage } from "./pages/update.js";
import { getPageVersionDetails, getPageVersions } from "./pages/versions.js";
import { reject, V1_PREFIX } from "./rejections.js";
import { searchByCql } from "./search.js";
import { spaceOperationsList } from "./spaces.js";

export const confluenceOperations: readonly Operation[] = [
  ...spaceOperationsList,
  getPages,
  getPagesInSpace,
  createPage,
  getPageById,
  updatePage,
  deletePage,
  getChildPages,
  getPageAncestors,
  getPageDescendants,
  getPageVersions,
  getPageVersionDetails,
  getPageLabels,
  getLabels,
  getLabelPages,
  ...commentOperations,
  ...v1LabelOperations,
  searchByCql,
];

export const confluenceProduct: Product = {
  name: "confluence",
  owns: (path) => path.startsWith("/wiki/api/v2/") || path.startsWith(V1_PREFIX),
  operations: confluenceOperations,
  reject,
};
