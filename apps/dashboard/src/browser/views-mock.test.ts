import { checkViews } from "../test/view-checks.js";
import { MOCK_KEY, startMock } from "../test/servers.js";

checkViews({ name: "mock", start: () => startMock(), apiKey: MOCK_KEY });
