import type { AdfDoc } from "../../adf/types.js";
import type { User } from "../../core/users.js";
import type { Rng } from "../../../util/rng.js";
import { bulletList, codeBlock, doc, heading, mention, orderedList, paragraph, text } from "./adf.js";
import type { ProjectTemplate } from "./projects-pool.js";

/** Issue kinds the text generator writes for (matches the generated issue type names). */
export type IssueKind = "Epic" | "Story" | "Task" | "Bug" | "Sub-task";

const SYMPTOMS = [
  "returns a 500 error",
  "times out",
  "shows stale data",
  "crashes",
  "renders a blank screen",
  "double-submits the request",
  "ignores the user's locale",
  "leaks memory",
  "logs the user out",
  "loses unsaved changes",
] as const;

const TRIGGERS = [
  "after a password reset",
  "on slow connections",
  "when the payload exceeds 1 MB",
  "for users with SSO enabled",
  "after the last deploy",
  "when two tabs are open",
  "on the first launch",
  "under load",
  "when the session expires",
  "in Safari 17",
] as const;

const STORY_GOALS = [
  "export {c} data as CSV",
  "filter the {c} by date range",
  "get notified when the {c} changes",
  "see an audit trail for the {c}",
  "undo my last change in the {c}",
  "share a link to the {c}",
  "configure defaults for the {c}",
  "search the {c} by keyword",
] as const;

const PERSONAS = ["customer", "admin", "support agent", "team lead", "new user", "developer", "finance analyst"] as const;

const TASKS = [
  "Upgrade {a} to the latest LTS",
  "Write a runbook for the {c}",
  "Set up alerting for the {c}",
  "Document the {c} configuration",
  "Remove deprecated {a} settings",
  "Audit access to the {c}",
  "Load test the {c}",
  "Migrate the {c} to {a}",
  "Rotate credentials used by the {c}",
  "Clean up unused {a} resources",
] as const;

const EPICS = ["{C} revamp", "{C} reliability", "Migrate to {a}", "{C} v2", "Self-serve {c}", "{C} observability"] as const;

const SUBTASKS = [
  "Write unit tests for the {c}",
  "Update the {c} documentation",
  "Code review for the {c} change",
  "QA verification on staging",
  "Add metrics for the {c}",
  "Update feature flag defaults",
  "Prepare rollout plan",
] as const;

const COMMENTS = [
  "I can reproduce this on staging. Looking into it now.",
  "This looks related to the change we shipped last sprint.",
  "Added logs to narrow it down; will report back tomorrow.",
  "Fix is up for review.",
  "Verified on staging, looks good to me.",
  "Can we get this into the next release?",
  "Blocked until the upstream change lands.",
  "Lowering the priority: there is a workaround.",
  "Customer confirmed the fix works.",
  "Moving this to the next sprint, we ran out of capacity.",
  "Please add steps to reproduce.",
  "Pairing on this after stand-up.",
] as const;

function fill(template: string, project: ProjectTemplate, rng: Rng): string {
  const component = rng.pick(project.components);
  return template
    .replaceAll("{C}", component.charAt(0).toUpperCase() + component.slice(1))
    .replaceAll("{c}", component)
    .replaceAll("{a}", rng.pick(project.artefacts));
}

export function summaryFor(kind: IssueKind, project: ProjectTemplate, rng: Rng): string {
  switch (kind) {
    case "Bug": {
      const component = rng.pick(project.components);
      const subject = component.charAt(0).toUpperCase() + component.slice(1);
      return `${subject} ${rng.pick(SYMPTOMS)} ${rng.pick(TRIGGERS)}`;
    }
    case "Story":
      return `As a ${rng.pick(PERSONAS)}, I want to ${fill(rng.pick(STORY_GOALS), project, rng)}`;
    case "Task":
      return fill(rng.pick(TASKS), project, rng);
    case "Epic":
      return fill(rng.pick(EPICS), project, rng);
    case "Sub-task":
      return fill(rng.pick(SUBTASKS), project, rng);
  }
}

/** A description in ADF whose structure depends on the kind: repro steps for bugs, acceptance criteria for stories. */
export function descriptionFor(kind: IssueKind, summary: string, project: ProjectTemplate, people: readonly User[], rng: Rng): AdfDoc {
  const owner = rng.pick(people);
  switch (kind) {
    case "Bug":
      return doc(
        paragraph(text(`${summary}.`), text(" Reported by support, "), mention(owner), text(" is triaging.")),
        heading(3, "Steps to reproduce"),
        orderedList([`Open the ${rng.pick(project.components)}`, "Trigger the action described above", "Observe the result"]),
        heading(3, "Expected result"),
        paragraph(text("The action completes without errors.")),
        codeBlock("text", `ERROR ${rng.int(400, 599)} request_id=${rng.hex(12)}`),
      );
    case "Story":
      return doc(
        paragraph(text(summary), text(", so that I spend less time on manual work.")),
        heading(3, "Acceptance criteria"),
        bulletList([`Works for the ${rng.pick(project.components)}`, "Covered by automated tests", "Documented in the changelog"]),
      );
    case "Epic":
      return doc(
        paragraph(text("Goal: "), text(summary, [{ type: "strong" }]), text(".")),
        bulletList(["Scope agreed with stakeholders", "Milestones tracked in child issues", "Success metrics defined"]),
      );
    default:
      return doc(paragraph(text(`${summary}.`)), paragraph(text("Point of contact: "), mention(owner), text(".")));
  }
}

export function commentBody(people: readonly User[], rng: Rng): AdfDoc {
  const sentence = rng.pick(COMMENTS);
  if (rng.chance(0.25)) return doc(paragraph(mention(rng.pick(people)), text(` ${sentence}`)));
  return doc(paragraph(text(sentence)));
}

export function environmentFor(rng: Rng): AdfDoc {
  return doc(
    paragraph(text(rng.pick(["Production", "Staging", "iOS 17.5, iPhone 15", "Chrome 126 on macOS", "Android 14, Pixel 8", "UAT"]))),
  );
}
