export { SlackSimulator, DEFAULT_BOT_SCOPES, type SlackSimulatorOptions } from './slack-simulator';
export {
  SocketModeSimulator, SocketModeNotAckedError, type SocketModeSimulatorOptions, type EnvelopeOptions,
  type DeliveryRecord, type EnvelopeType, type SocketAck,
} from './socket-mode-simulator';
export {
  SlackDriver, type SlackDriverOptions, type SlashCommandInput, type SlashCommandResult, type SubmitViewInput,
  type ClickButtonInput, type ClickButtonInViewInput, type ClickResult, type SendEventInput,
} from './driver';
export { type DriverTransport, type DeliveryOptions, type DeliveryResult, ACK_TIMEOUT_MS } from './driver-transport';
export { ClientValidationError, type InputValue } from './view-state';
export { signSlackRequest } from './signature';
export { TRIGGER_LIFETIME_MS } from './trigger-store';
export { checkBlocks, MAX_MESSAGE_BLOCKS, MAX_VIEW_BLOCKS } from './block-kit';
export {
  ManualClock, systemClock, type Clock, type CallRecord, type ChannelSetup, type EphemeralRecord, type ResponseUrlPost,
  type SlackBlock, type SlackMessage, type SlackView, type TextObject, type UserGroupSetup, type UserSetup,
} from './types';
