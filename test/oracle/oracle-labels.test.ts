import { oracleSolvesEveryTask } from "./oracle-cases.js";

oracleSolvesEveryTask("labels");
