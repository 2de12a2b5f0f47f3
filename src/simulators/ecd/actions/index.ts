import type { ActionHandler } from './action-context';
import { attachCen } from './attach-cen';
import { describeOfficeSites } from './describe-office-sites';
import { describeRegions } from './describe-regions';
import { sendVerifyCode } from './send-verify-code';
import { verifyCen } from './verify-cen';

export type { ActionContext, ActionHandler, ActionSettings } from './action-context';

/** The ECD 2020-09-30 actions the simulator implements, by Action name. */
export const ECD_ACTIONS: Readonly<Record<string, ActionHandler>> = {
  AttachCen: attachCen,
  DescribeOfficeSites: describeOfficeSites,
  DescribeRegions: describeRegions,
  SendVerifyCode: sendVerifyCode,
  VerifyCen: verifyCen,
};
