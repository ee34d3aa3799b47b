import { checkViews } from "../test/view-checks.js";
import { DEMO_KEY, startReference } from "../test/servers.js";

checkViews({ name: "reference", start: startReference, apiKey: DEMO_KEY });
