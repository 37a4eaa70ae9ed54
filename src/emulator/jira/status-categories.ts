import type { StatusCategoryKey } from "./state.js";

export interface StatusCategory {
  id: number;
  key: StatusCategoryKey;
  name: string;
  colorName: string;
}

/** Jira's fixed status categories, with the ids every Jira Cloud site uses. */
export const STATUS_CATEGORIES: Readonly<Record<StatusCategoryKey, StatusCategory>> = {
  undefined: { id: 1, key: "undefined", name: "No Category", colorName: "medium-gray" },
  new: { id: 2, key: "new", name: "To Do", colorName: "blue-gray" },
  indeterminate: { id: 4, key: "indeterminate", name: "In Progress", colorName: "yellow" },
  done: { id: 3, key: "done", name: "Done", colorName: "green" },
};
