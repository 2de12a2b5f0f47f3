export { EcdSimulator } from './simulator';
export { ECD_API_VERSION } from './call-handler';
export { CEN_VERIFICATION_ACTION } from './actions/send-verify-code';
export { ECD_REGIONS, type EcdRegion } from './regions';
export type {
  AccessKeySetup,
  CallOutcome,
  CallRecord,
  CenRouteSetup,
  CenSetup,
  EcdSimulatorOptions,
  Failure,
  FailureKind,
  MailboxEntry,
  OfficeSiteSetup,
  OfficeSiteType,
  OfficeSiteView,
  VerifyCenRejectionStyle,
} from './types';
