import { STATUS_CATEGORIES } from "../status-categories.js";
import type { IssueLinkTypeRecord, IssueTypeRecord, PriorityRecord, ProjectRecord, ResolutionRecord, StatusRecord } from "../state.js";
import { memoByRecord } from "./memo.js";

/** Renderings of Jira's configuration objects, in the spec's shapes (`StatusDetails`, `Priority`, ...). */

export const renderStatus = memoByRecord((status: StatusRecord, baseUrl: string) => {
  const category = STATUS_CATEGORIES[status.categoryKey];
  return {
    self: `${baseUrl}/rest/api/3/status/${status.id}`,
    description: status.description,
    iconUrl: `${baseUrl}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: {
      self: `${baseUrl}/rest/api/3/statuscategory/${category.id}`,
      id: category.id,
      key: category.key,
      colorName: category.colorName,
      name: category.name,
    },
  };
});

export const renderPriority = memoByRecord((priority: PriorityRecord, baseUrl: string) => ({
  self: `${baseUrl}/rest/api/3/priority/${priority.id}`,
  iconUrl: `${baseUrl}/images/icons/priorities/${priority.iconName}.svg`,
  name: priority.name,
  id: priority.id,
}));

/** The fuller form `/priority/search` lists. */
export const renderPriorityDetails = memoByRecord((priority: PriorityRecord, baseUrl: string) => ({
  self: `${baseUrl}/rest/api/3/priority/${priority.id}`,
  statusColor: priority.statusColor,
  description: priority.description,
  iconUrl: `${baseUrl}/images/icons/priorities/${priority.iconName}.svg`,
  name: priority.name,
  id: priority.id,
  isDefault: priority.isDefault,
}));

export const renderResolution = memoByRecord((resolution: ResolutionRecord, baseUrl: string) => ({
  self: `${baseUrl}/rest/api/3/resolution/${resolution.id}`,
  id: resolution.id,
  description: resolution.description,
  name: resolution.name,
}));

export const renderResolutionDetails = memoByRecord((resolution: ResolutionRecord, baseUrl: string) => ({
  self: `${baseUrl}/rest/api/3/resolution/${resolution.id}`,
  id: resolution.id,
  description: resolution.description,
  name: resolution.name,
  default: resolution.isDefault,
}));

export const renderIssueType = memoByRecord((type: IssueTypeRecord, baseUrl: string) => ({
  self: `${baseUrl}/rest/api/3/issuetype/${type.id}`,
  id: type.id,
  description: type.description,
  iconUrl: `${baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.avatarId}?size=medium`,
  name: type.name,
  subtask: type.subtask,
  avatarId: type.avatarId,
  entityId: type.entityId,
  hierarchyLevel: type.hierarchyLevel,
}));

export function projectAvatarUrls(baseUrl: string, projectId: string): Record<string, string> {
  const base = `${baseUrl}/rest/api/3/universal_avatar/view/type/project/avatar/${10400 + (Number(projectId) % 20)}`;
  return { "48x48": base, "24x24": `${base}?size=small`, "16x16": `${base}?size=xsmall`, "32x32": `${base}?size=medium` };
}

/** The short project form (`ProjectDetails`) used inside issues. */
export const renderProjectRef = memoByRecord((project: ProjectRecord, baseUrl: string) => {
  const out: Record<string, unknown> = {
    self: `${baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.projectTypeKey,
    simplified: false,
    avatarUrls: projectAvatarUrls(baseUrl, project.id),
  };
  if (project.category) {
    out["projectCategory"] = {
      self: `${baseUrl}/rest/api/3/projectCategory/${project.category.id}`,
      id: project.category.id,
      description: project.category.description,
      name: project.category.name,
    };
  }
  return out;
});

export const renderLinkType = memoByRecord((type: IssueLinkTypeRecord, baseUrl: string) => ({
  id: type.id,
  name: type.name,
  inward: type.inward,
  outward: type.outward,
  self: `${baseUrl}/rest/api/3/issueLinkType/${type.id}`,
}));
