/** Callback IDs, block IDs and action IDs shared by the builders and the listeners. */
export const COMMAND = '/cen-verify';

export const VIEWS = {
  request: 'cen_verify_request',
  reject: 'cen_verify_reject',
  code: 'cen_verify_code',
} as const;

export const ACTIONS = {
  approve: 'approve',
  reject: 'reject',
  retry: 'retry',
  cancel: 'cancel',
  enterCode: 'enter_code',
} as const;

export const REQUEST_BLOCKS = {
  cenId: 'cen_id',
  cenOwnerId: 'cen_owner_id',
  regionId: 'region',
  reason: 'reason',
  officeSite: 'office_site',
} as const;

export const CODE_BLOCKS = {
  verifyCode: 'verify_code',
  officeSite: 'office_site',
} as const;

export const REJECT_BLOCKS = { reason: 'reject_reason' } as const;

/** Every input element uses this action ID; its block ID names the field. */
export const INPUT_ACTION = 'value';
