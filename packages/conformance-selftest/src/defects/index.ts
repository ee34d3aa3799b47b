import type { Defect } from "../proxy.js";
import { behaviourDefects } from "./behaviour.js";
import { dataDefects } from "./data.js";
import { generatedDefects } from "./generated.js";
import { shapeDefects } from "./shape.js";

/** Every planted defect; each breaks one thing and names the requirement that must catch it. */
export const defects: Defect[] = [...shapeDefects, ...behaviourDefects, ...dataDefects, ...generatedDefects];
export { conformantVariations } from "./generated.js";
