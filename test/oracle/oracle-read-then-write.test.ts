import { oracleSolvesEveryTask } from "./oracle-cases.js";

oracleSolvesEveryTask("read-then-write");
