export { replayFile, replayFiles, type FileReplay, type NamedBytes, type ReplayOptions, type RequestOutcome } from "./replay-file.js";
export { planReplay, type PlannedRequest, type PlanOptions, type ReplayPlan } from "./plan.js";
export { endpointUrl, sendRequest, sendWire, type Answer, type SendOptions, type Target } from "./send.js";
export { refusalOf, type Refusal } from "./locate.js";
export { WIRE_APIS, type WireApi, type WireUnit } from "./wire.js";
