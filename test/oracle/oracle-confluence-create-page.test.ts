import { oracleSolvesEveryTask } from "./oracle-cases.js";

oracleSolvesEveryTask("confluence-create-page");
