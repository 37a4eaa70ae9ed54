import { oracleSolvesEveryTask } from "./oracle-cases.js";

oracleSolvesEveryTask("jira-transition-issue");
