/** `jira.createIssue` -> `jira_create_issue`; `confluence.getPageByID` -> `confluence_get_page_by_id`. */
export function toolNameOf(operationId: string): string {
  const snake = operationId
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
  // Function-calling APIs accept at most 64 characters from [A-Za-z0-9_-].
  return snake.slice(0, 64);
}
