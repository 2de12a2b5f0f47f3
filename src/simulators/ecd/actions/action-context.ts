import type { ActionParameters } from '../action-parameters';
import { gatewayErrors } from '../api-error';
import { isEcdRegion } from '../regions';
import type { EcdResources } from '../resources';
import type { VerifyCenRejectionStyle } from '../types';
import type { VerificationCodes } from '../verification-codes';

export interface ActionSettings {
  readsUntilAttached: number;
  verifyCenRejections: VerifyCenRejectionStyle;
}

/** The request parameters and simulated state that an action handler reads and changes. */
export interface ActionContext {
  parameters: ActionParameters;
  resources: EcdResources;
  codes: VerificationCodes;
  now: Date;
  settings: ActionSettings;
}

/** Runs one ECD action and returns its response body without RequestId, or throws EcdApiError. */
export type ActionHandler = (context: ActionContext) => Record<string, unknown>;

/** Returns RegionId, raising MissingRegionId or InvalidRegionId.NotFound. */
export function requireRegion(parameters: ActionParameters): string {
  const regionId = parameters.required('RegionId');
  if (!isEcdRegion(regionId)) {
    throw gatewayErrors.regionNotFound(regionId);
  }
  return regionId;
}
