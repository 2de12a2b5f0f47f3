import { z } from 'zod';

export const REASON_MAX_LENGTH = 500;
export const CEN_ID_MAX_LENGTH = 64;

export const cenIdSchema = z
  .string()
  .trim()
  .min(1, 'Enter the CEN instance ID, such as cen-3weq30r6t0s7t4abcd.')
  .max(CEN_ID_MAX_LENGTH, `A CEN instance ID has at most ${CEN_ID_MAX_LENGTH} characters, such as cen-3weq30r6t0s7t4abcd.`)
  .regex(/^cen-[a-z0-9]+$/, 'A CEN instance ID is "cen-" followed by lowercase letters and digits, such as cen-3weq30r6t0s7t4abcd.');

export const cenOwnerIdSchema = z
  .string()
  .trim()
  .min(1, 'Enter the Alibaba Cloud account ID (UID) that owns the CEN instance.')
  .regex(/^[1-9]\d{4,19}$/, 'An account ID is 5 to 20 digits with no leading zero, such as 1234567890123456.');

export const reasonSchema = z
  .string()
  .max(REASON_MAX_LENGTH, `Keep the reason to ${REASON_MAX_LENGTH} characters or fewer.`)
  .transform((value) => value.trim());

/** The fields of the request modal, before validation. */
export interface SubmissionInput {
  cenId?: string;
  cenOwnerId?: string;
  regionId?: string;
  reason?: string;
}

export interface ValidSubmission {
  cenId: string;
  cenOwnerId: string;
  regionId: string;
  reason: string;
}

export type SubmissionField = keyof SubmissionInput;

export type SubmissionResult =
  | { ok: true; value: ValidSubmission }
  | { ok: false; errors: Partial<Record<SubmissionField, string>> };

/** Builds the schema of a submission for the regions this app offers. */
export function submissionSchema(regions: readonly string[]) {
  return z.object({
    cenId: cenIdSchema,
    cenOwnerId: cenOwnerIdSchema,
    regionId: z
      .string({ error: 'Choose a region.' })
      .refine((value) => regions.includes(value), 'Choose one of the offered regions.'),
    reason: reasonSchema,
  });
}

/** Validates every field at once, so each bad field gets its own message. */
export function validateSubmission(input: SubmissionInput, regions: readonly string[]): SubmissionResult {
  const parsed = submissionSchema(regions).safeParse({
    cenId: input.cenId ?? '',
    cenOwnerId: input.cenOwnerId ?? '',
    regionId: input.regionId,
    reason: input.reason ?? '',
  });
  if (parsed.success) return { ok: true, value: parsed.data };

  const errors: Partial<Record<SubmissionField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as SubmissionField;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Keeps only the prefill values that are valid, so a bad argument never breaks the modal. */
export function validPrefill(args: string[], regions: readonly string[]): SubmissionInput {
  const prefill: SubmissionInput = {};
  for (const arg of args) {
    if (cenIdSchema.safeParse(arg).success) prefill.cenId ??= arg;
    else if (cenOwnerIdSchema.safeParse(arg).success) prefill.cenOwnerId ??= arg;
    else if (regions.includes(arg)) prefill.regionId ??= arg;
  }
  return prefill;
}
