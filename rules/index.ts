// The rule catalogue: every rule, one file each; the file name is the rule id.
import agentsAliasWithoutRun from "./agents-alias-without-run.js";
import agentsApprovalLost from "./agents-approval-lost.js";
import agentsDecisionNeverApplies from "./agents-decision-never-applies.js";
import agentsForgedOutput from "./agents-forged-output.js";
import agentsInterruptionMissing from "./agents-interruption-missing.js";
import agentsNestedRunMissing from "./agents-nested-run-missing.js";
import agentsNestedStateUnreadable from "./agents-nested-state-unreadable.js";
import agentsPendingCallNotGenerated from "./agents-pending-call-not-generated.js";
import agentsSchemaVersion from "./agents-schema-version.js";
import brokenParentChain from "./broken-parent-chain.js";
import byteOrderMark from "./byte-order-mark.js";
import consecutiveSameRole from "./consecutive-same-role.js";
import contentTypeMismatch from "./content-type-mismatch.js";
import duplicateItemId from "./duplicate-item-id.js";
import duplicateToolCallId from "./duplicate-tool-call-id.js";
import duplicateToolOutput from "./duplicate-tool-output.js";
import duplicateUuid from "./duplicate-uuid.js";
import emptyFile from "./empty-file.js";
import emptyHistory from "./empty-history.js";
import emptyMessage from "./empty-message.js";
import emptyToolCallId from "./empty-tool-call-id.js";
import firstMessageNotUser from "./first-message-not-user.js";
import functionCallTurnOrder from "./function-call-turn-order.js";
import functionResponseNameMismatch from "./function-response-name-mismatch.js";
import geminiCliSessionUnloadable from "./gemini-cli-session-unloadable.js";
import invalidJson from "./invalid-json.js";
import itemIdPrefix from "./item-id-prefix.js";
import missingSessionMeta from "./missing-session-meta.js";
import multiLineRecord from "./multi-line-record.js";
import multiRecordLine from "./multi-record-line.js";
import nonObjectRecord from "./non-object-record.js";
import ordinalSequence from "./ordinal-sequence.js";
import parameterNotSupported from "./parameter-not-supported.js";
import reasoningNotReplayable from "./reasoning-not-replayable.js";
import reasoningOnlyTurn from "./reasoning-only-turn.js";
import reasoningWithoutFollowingItem from "./reasoning-without-following-item.js";
import roleNotAllowed from "./role-not-allowed.js";
import thinkingBlockOrder from "./thinking-block-order.js";
import thoughtSignatureMissing from "./thought-signature-missing.js";
import toolArgumentsInvalidJson from "./tool-arguments-invalid-json.js";
import toolCallWithoutOutput from "./tool-call-without-output.js";
import toolIdInvalidCharacters from "./tool-id-invalid-characters.js";
import toolOutputBeforeCall from "./tool-output-before-call.js";
import toolOutputNotAdjacent from "./tool-output-not-adjacent.js";
import toolOutputWithoutCall from "./tool-output-without-call.js";
import toolsNotDefined from "./tools-not-defined.js";
import truncatedRecord from "./truncated-record.js";
import unknownRecordType from "./unknown-record-type.js";
import userMessageDuringPendingCall from "./user-message-during-pending-call.js";
import webSearchActionInvalid from "./web-search-action-invalid.js";
import type { Rule } from "../src/rule-kit/index.js";

export const RULES: readonly Rule[] = [
  agentsAliasWithoutRun,
  agentsApprovalLost,
  agentsDecisionNeverApplies,
  agentsForgedOutput,
  agentsInterruptionMissing,
  agentsNestedRunMissing,
  agentsNestedStateUnreadable,
  agentsPendingCallNotGenerated,
  agentsSchemaVersion,
  brokenParentChain,
  byteOrderMark,
  consecutiveSameRole,
  contentTypeMismatch,
  duplicateItemId,
  duplicateToolCallId,
  duplicateToolOutput,
  duplicateUuid,
  emptyFile,
  emptyHistory,
  emptyMessage,
  emptyToolCallId,
  firstMessageNotUser,
  functionCallTurnOrder,
  functionResponseNameMismatch,
  geminiCliSessionUnloadable,
  invalidJson,
  itemIdPrefix,
  missingSessionMeta,
  multiLineRecord,
  multiRecordLine,
  nonObjectRecord,
  ordinalSequence,
  parameterNotSupported,
  reasoningNotReplayable,
  reasoningOnlyTurn,
  reasoningWithoutFollowingItem,
  roleNotAllowed,
  thinkingBlockOrder,
  thoughtSignatureMissing,
  toolArgumentsInvalidJson,
  toolCallWithoutOutput,
  toolIdInvalidCharacters,
  toolOutputBeforeCall,
  toolOutputNotAdjacent,
  toolOutputWithoutCall,
  toolsNotDefined,
  truncatedRecord,
  unknownRecordType,
  userMessageDuringPendingCall,
  webSearchActionInvalid,
];
