import { EcdError } from '../../src/alicloud/errors';
import type { VerifyRequest } from '../../src/requests/model';
import { buildApprovalMessage } from '../../src/slack/blocks/approval-message';
import { buildNotice } from '../../src/slack/blocks/notices';
import { buildRequestModal } from '../../src/slack/blocks/request-modal';
import { checkBlocks, MAX_MESSAGE_BLOCKS, MAX_VIEW_BLOCKS } from '../../src/simulators/slack';
import { escapeMrkdwn } from '../../src/slack/mrkdwn';

const now = new Date('2026-12-04T10:00:00Z');
const request: VerifyRequest = {
  id: 'CV-ABCDEFGH',
  status: 'pending',
  version: 1,
  teamId: 'T1',
  requesterId: 'U1',
  cenId: 'cen-abc',
  cenOwnerId: '9999999999999999',
  regionId: 'cn-hangzhou',
  reason: '&<>'.repeat(166) + '&&',
  approvals: [],
  attempts: 0,
  createdAt: now,
  updatedAt: now,
  expiresAt: now,
};

describe('escapeMrkdwn', () => {
  it('escapes the three control characters', () => {
    expect(escapeMrkdwn('<!channel> & <@U1|x>')).toBe('&lt;!channel&gt; &amp; &lt;@U1|x&gt;');
  });
});

describe('Block Kit builders', () => {
  it('uses a check that finds an oversized section', () => {
    expect(checkBlocks([{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }], MAX_MESSAGE_BLOCKS, 'blocks')).not.toEqual([]);
  });

  it('keeps the modal within limits with 100 regions', () => {
    const regions = Array.from({ length: 100 }, (_, index) => `cn-region-${index}`);
    const modal = buildRequestModal(regions, { cenId: 'cen-abc', regionId: 'cn-region-99' });

    expect(checkBlocks(modal.blocks, MAX_VIEW_BLOCKS, 'blocks')).toEqual([]);
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
  });

  it.each(['pending', 'sent', 'failed', 'unknown', 'rejected', 'cancelled', 'expired'] as const)('keeps a %s approval message within limits at the longest reason', (status) => {
    const message = buildApprovalMessage(
      { request: { ...request, status, closingReason: 'x'.repeat(500), approvals: [{ userId: 'U2', at: now }], lastAttempt: { at: now, errorCode: 'E' } }, requiredApprovals: 5, resendCooldownMs: 60_000 },
      Array.from({ length: 50 }, (_, index) => `U${index}`),
    );

    expect(checkBlocks(message.blocks, MAX_MESSAGE_BLOCKS, 'blocks')).toEqual([]);
  });

  it('keeps a failure notice within limits when Alibaba sends a long message', () => {
    const error = new EcdError('refused', { code: 'ECD_API_ERROR', outcome: 'refused', retryable: false, alibabaCode: 'X'.repeat(300), alibabaMessage: '<'.repeat(4000), requestId: 'R' });

    const message = buildNotice(request, { kind: 'send_failed', error }, 'thread');

    expect(checkBlocks(message.blocks, MAX_MESSAGE_BLOCKS, 'blocks')).toEqual([]);
    expect(JSON.stringify(message)).not.toContain('<<');
  });
});
