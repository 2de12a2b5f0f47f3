import { randomInt } from 'node:crypto';

import type { MailboxEntry } from './types';

/** Result of checking a code that a caller entered. */
export type CodeCheck = 'valid' | 'invalid' | 'retryLimitReached';

export interface VerificationCodeSettings {
  codeTtlMs: number;
  maxAttempts: number;
  generateCode: () => string;
}

/** The code currently valid for one CEN owner account and CEN instance. */
interface IssuedCode {
  code: string;
  issuedAt: Date;
  failedAttempts: number;
  used: boolean;
}

export function randomSixDigitCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** Codes sent to CEN owner accounts, their mailboxes, and wrong-attempt counting. */
export class VerificationCodes {
  /** CEN owner account ID to the emails it received, oldest first. */
  private readonly mailboxes = new Map<string, MailboxEntry[]>();
  /** Owner and CEN ID to the latest code, which a new send replaces. */
  private readonly current = new Map<string, IssuedCode>();

  constructor(private readonly settings: VerificationCodeSettings) {}

  /** Issues a new code, replacing any earlier one, and puts it in the owner's mailbox. */
  send(ownerId: string, cenId: string, now: Date): MailboxEntry {
    const entry = { code: this.settings.generateCode(), cenId, sentAt: now };
    this.current.set(codeKey(ownerId, cenId), {
      code: entry.code,
      issuedAt: now,
      failedAttempts: 0,
      used: false,
    });

    const mailbox = this.mailboxes.get(ownerId) ?? [];
    mailbox.push(entry);
    this.mailboxes.set(ownerId, mailbox);
    return entry;
  }

  /**
   * Checks an entered code. A wrong, expired or used code counts as a failed attempt, and once
   * the attempts reach the limit every check fails until a new code is sent.
   */
  check(ownerId: string, cenId: string, code: string, now: Date): CodeCheck {
    const issued = this.current.get(codeKey(ownerId, cenId));
    if (!issued) {
      return 'invalid';
    }
    if (issued.failedAttempts >= this.settings.maxAttempts) {
      return 'retryLimitReached';
    }

    const expired = now.getTime() - issued.issuedAt.getTime() > this.settings.codeTtlMs;
    if (issued.used || expired || issued.code !== code) {
      issued.failedAttempts += 1;
      return 'invalid';
    }
    return 'valid';
  }

  /** Marks the current code used, so it cannot attach a second office network. */
  consume(ownerId: string, cenId: string): void {
    const issued = this.current.get(codeKey(ownerId, cenId));
    if (issued) {
      issued.used = true;
    }
  }

  mailbox(ownerId: string): MailboxEntry[] {
    return (this.mailboxes.get(ownerId) ?? []).map((entry) => ({
      ...entry,
      sentAt: new Date(entry.sentAt),
    }));
  }

  /** Returns the code most recently sent for the CEN instance, used or not. */
  latestCode(ownerId: string, cenId: string): string | undefined {
    return this.current.get(codeKey(ownerId, cenId))?.code;
  }
}

function codeKey(ownerId: string, cenId: string): string {
  return `${ownerId}\n${cenId}`;
}
