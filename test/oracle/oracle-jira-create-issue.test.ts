import { oracleSolvesEveryTask } from "./oracle-cases.js";

oracleSolvesEveryTask("jira-create-issue");
