// The server layer: the mock provider.
export { startMockServer, type MockServer, type MockServerOptions, type RecordedRequest } from "./server.js";
export { defaultReply, type Reply } from "./reply.js";
export { reachableFromNetwork } from "./host-rule.js";
export { Fault, Scenario, loadScenario, type Step } from "./scenario.js";
