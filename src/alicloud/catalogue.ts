/** The text a user reads for one Alibaba error code, and the step that fixes it. */
export interface CatalogueEntry {
  summary: string;
  fix: string;
}

const EXACT: Record<string, CatalogueEntry> = {
  'Forbidden.RAM': {
    summary: 'The app’s Alibaba Cloud credentials are not allowed to call this operation.',
    fix: 'Grant the RAM action `ecd:{action}` to the RAM user or role the app uses, then retry.',
  },
  Forbidden: {
    summary: 'Alibaba Cloud refused the app’s credentials for this operation.',
    fix: 'Check the RAM policy of the user or role the app uses, then retry.',
  },
  'Forbidden.RiskControl': {
    summary: 'Alibaba Cloud’s risk control blocked the call.',
    fix: 'Sign in to the Alibaba Cloud console with the calling account and clear the risk check, then retry.',
  },
  'InvalidAccessKeyId.NotFound': {
    summary: 'Alibaba Cloud does not know the app’s AccessKey ID.',
    fix: 'Check ALIBABA_CLOUD_ACCESS_KEY_ID (or the credentials source the app uses) and restart the app.',
  },
  'InvalidAccessKeyId.Inactive': {
    summary: 'The app’s AccessKey is disabled.',
    fix: 'Enable the AccessKey in the RAM console or give the app an active one.',
  },
  SignatureDoesNotMatch: {
    summary: 'Alibaba Cloud rejected the request signature: the AccessKey secret is probably wrong.',
    fix: 'Check ALIBABA_CLOUD_ACCESS_KEY_SECRET (or the credentials source the app uses) and restart the app.',
  },
  IncompleteSignature: {
    summary: 'Alibaba Cloud rejected the request signature.',
    fix: 'Check the AccessKey secret the app uses and restart the app.',
  },
  'InvalidSecurityToken.Expired': {
    summary: 'The app’s STS token has expired.',
    fix: 'Give the app fresh STS credentials, or use a source that refreshes them (RAM role, OIDC, ECS RAM role).',
  },
  'InvalidTimeStamp.Expired': {
    summary: 'Alibaba Cloud rejected the request time: the server clock is off.',
    fix: 'Synchronise the clock of the machine running the app (NTP), then retry.',
  },
  'InvalidCen.ParameterCenInstanceId': {
    summary: 'The CEN instance was not found, or that account does not own it.',
    fix: 'Check the CEN instance ID and the owner account ID with the CEN owner, then make a new request.',
  },
  'InvalidCen.CenUidInvalid': {
    summary: 'The CEN owner account ID is invalid for that CEN instance.',
    fix: 'Check the owner account ID (UID) with the CEN owner, then make a new request.',
  },
  'VerifyCode.InvalidTokenCode': {
    summary: 'The verification code is wrong or has expired.',
    fix: 'Ask the CEN owner for the latest code and enter it again, or have an approver send a new one.',
  },
  'VerifyCode.ReachTokenRetryTime': {
    summary: 'Too many wrong verification codes were entered.',
    fix: 'Have an approver send a new code, then enter the new one.',
  },
  Conflict: {
    summary: 'The office network’s CIDR block overlaps a network already in the CEN instance.',
    fix: 'Choose an office network whose CIDR block does not overlap the CEN’s routes, or ask the CEN owner to free the range, then enter the code again.',
  },
  'InvalidOfficeSiteId.NotFound': {
    summary: 'The office network was not found in that region.',
    fix: 'Check the office network in the WUYING console and enter the code again with the right one.',
  },
  MissingParameter: {
    summary: 'Alibaba Cloud reports a missing parameter.',
    fix: 'Check the request details; if they look right, report this to the app’s maintainers with the RequestId.',
  },
  InvalidParameter: {
    summary: 'Alibaba Cloud reports an invalid parameter.',
    fix: 'Check the CEN instance ID, owner account ID and region named in the message, then make a new request.',
  },
  'InvalidRegionId.NotFound': {
    summary: 'ECD is not available in that region.',
    fix: 'Make a new request in the region where the office network is.',
  },
  ServiceUnavailable: {
    summary: 'ECD is temporarily unavailable.',
    fix: 'Wait a few minutes, then retry.',
  },
  InternalError: {
    summary: 'ECD had an internal error, so the operation may or may not have taken effect.',
    fix: 'Check its effect before trying again: for a code, ask the CEN owner whether an email arrived; for a binding, look at the office network in the WUYING console.',
  },
};

const PREFIXES: [string, CatalogueEntry][] = [
  ['Throttling', { summary: 'Alibaba Cloud is throttling the app’s calls.', fix: 'Wait a minute, then retry.' }],
  ['Forbidden', EXACT.Forbidden],
  ['InvalidParameter', EXACT.InvalidParameter],
  ['MissingParameter', EXACT.MissingParameter],
  ['InvalidCen', EXACT['InvalidCen.ParameterCenInstanceId']],
];

/** Looks up an Alibaba error code; undefined means the code is shown raw with its Recommend link. */
export function lookUpErrorCode(code: string, action = 'SendVerifyCode'): CatalogueEntry | undefined {
  const entry = EXACT[code] ?? PREFIXES.find(([prefix]) => code.startsWith(prefix))?.[1];
  return entry && { summary: entry.summary, fix: entry.fix.replace('{action}', action) };
}
