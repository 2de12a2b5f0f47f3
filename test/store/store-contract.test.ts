import type { VerifyRequest } from '../../src/requests/model';
import { DuplicateSubmissionError, type RequestStore, type UpdateResult } from '../../src/store/store';
import { at, buildEvent, buildRequest, buildTarget, postgresHarness, sqliteHarness, T0 } from './harness';
import type { Harness, HarnessFactory } from './harness';

const COOLDOWN_MS = 60_000;

const kinds: [string, HarnessFactory][] = [
  ['SQLite', sqliteHarness],
  ['PostgreSQL', () => postgresHarness()],
];

describe.each(kinds)('%s store', (_kind, createHarness) => {
  let harness: Harness;
  let store: RequestStore;

  beforeEach(async () => {
    harness = await createHarness();
    store = harness.open();
    await store.migrate();
  });

  afterEach(async () => {
    await harness.dispose();
  });

  it('rejects a second request from the same Slack view', async () => {
    await store.insert(buildRequest({ id: 'CV-FIRST', sourceViewId: 'V0SAME' }), []);

    await expect(store.insert(buildRequest({ id: 'CV-SECOND', sourceViewId: 'V0SAME' }), [])).rejects.toBeInstanceOf(DuplicateSubmissionError);
    expect(await store.get('CV-SECOND')).toBeUndefined();
  });

  it('stores requests without a source view side by side', async () => {
    await store.insert(buildRequest({ id: 'CV-FIRST' }), []);
    await store.insert(buildRequest({ id: 'CV-SECOND' }), []);

    expect(await store.get('CV-SECOND')).toBeDefined();
  });

  /** Moves a stored request to `approved` with an approval, as an approver's click would. */
  function approved(request: VerifyRequest): VerifyRequest {
    return {
      ...request,
      status: 'approved',
      version: request.version + 1,
      approvals: [{ userId: 'U0APPROVER', at: at(1000) }],
      decidedBy: 'U0APPROVER',
      updatedAt: at(1000),
    };
  }

  /** Moves an approved request to `sending`, the step that claims the CEN owner target. */
  function sending(request: VerifyRequest, now: Date): VerifyRequest {
    return { ...request, status: 'sending', version: request.version + 1, attempts: request.attempts + 1, updatedAt: now };
  }

  async function insertApproved(id: string): Promise<VerifyRequest> {
    const pending = buildRequest({ id });
    await store.insert(pending, [buildEvent(id, 'created')]);
    const next = approved(pending);
    await store.update(next, { status: 'pending', version: 1 }, []);
    return next;
  }

  test('insert and get round-trip every field', async () => {
    const request = buildRequest({
      status: 'unknown',
      version: 7,
      officeSiteId: 'cn-hangzhou+dir-3856940843',
      approvals: [
        { userId: 'U0APPROVER', at: at(1000) },
        { userId: 'U0SECOND', at: at(2000) },
      ],
      decidedBy: 'U0SECOND',
      closingReason: 'no answer from ECD',
      approvalMessage: { channel: 'C0APPROVALS', ts: '1740816000.000100' },
      lastAttempt: {
        at: at(3000),
        alibabaRequestId: '5C3D6B2E-1A2B-4C3D-8E9F-0A1B2C3D4E5F',
        errorCode: 'ServiceUnavailable',
        errorMessage: 'The request has failed due to a temporary failure of the server.',
        recommend: 'https://api.aliyun.com/troubleshoot',
      },
      attempts: 3,
      updatedAt: at(3000),
      remindedAt: at(4000),
    });

    await store.insert(request, []);
    const stored = await store.get(request.id);

    expect(stored).toEqual(request);
    expect(stored?.cenOwnerId).toBe('9999999999999999');
    expect(stored?.createdAt).toBeInstanceOf(Date);
    expect(stored?.expiresAt.getTime()).toBe(request.expiresAt.getTime());
    expect(stored?.approvals[1].at).toBeInstanceOf(Date);
    expect(stored?.lastAttempt?.at).toBeInstanceOf(Date);
    expect(stored?.remindedAt?.getTime()).toBe(at(4000).getTime());
  });

  test('get returns undefined for an unknown ID', async () => {
    expect(await store.get('req-missing')).toBeUndefined();
  });

  test('insert stores its events', async () => {
    const request = buildRequest();
    const created = buildEvent(request.id, 'created', { toStatus: 'pending', slackChannel: 'D0REQUESTER', slackTs: '1.2' });

    await store.insert(request, [created]);

    expect(await store.events(request.id)).toEqual([created]);
  });

  test('update from the expected version succeeds', async () => {
    const request = buildRequest();
    await store.insert(request, [buildEvent(request.id, 'created')]);
    const next = approved(request);
    const event = buildEvent(request.id, 'approved', { at: at(1000), actor: 'U0APPROVER', fromStatus: 'pending', toStatus: 'approved' });

    const result = await store.update(next, { status: 'pending', version: 1 }, [event]);

    expect(result).toEqual({ outcome: 'updated' });
    expect(await store.get(request.id)).toEqual(next);
    expect(await store.events(request.id)).toEqual([buildEvent(request.id, 'created'), event]);
  });

  test('stale version conflicts and changes nothing', async () => {
    const request = buildRequest({ version: 2 });
    await store.insert(request, [buildEvent(request.id, 'created')]);

    const result = await store.update(approved(request), { status: 'pending', version: 1 }, [buildEvent(request.id, 'approved')]);

    expect(result).toEqual({ outcome: 'conflict' });
    expect(await store.get(request.id)).toEqual(request);
    expect(await store.events(request.id)).toEqual([buildEvent(request.id, 'created')]);
  });

  test('stale status conflicts and changes nothing', async () => {
    const request = buildRequest({ status: 'rejected' });
    await store.insert(request, []);

    const result = await store.update(approved(request), { status: 'pending', version: 1 }, [buildEvent(request.id, 'approved')]);

    expect(result).toEqual({ outcome: 'conflict' });
    expect(await store.get(request.id)).toEqual(request);
    expect(await store.events(request.id)).toEqual([]);
  });

  test('update of an unknown request is a conflict', async () => {
    const result = await store.update(approved(buildRequest()), { status: 'pending', version: 1 }, [buildEvent('req-0001', 'approved')]);

    expect(result).toEqual({ outcome: 'conflict' });
    expect(await store.events('req-0001')).toEqual([]);
  });

  test('20 concurrent updates: exactly one wins', async () => {
    const request = buildRequest();
    await store.insert(request, []);
    const other = harness.open();
    await other.migrate();
    const approvers = Array.from({ length: 20 }, (_, index) => `U0APPROVER${index}`);

    const results = await Promise.all(
      approvers.map((approver, index) => {
        const next = { ...approved(request), decidedBy: approver };
        const event = buildEvent(request.id, 'approved', { actor: approver });
        return (index % 2 === 0 ? store : other).update(next, { status: 'pending', version: 1 }, [event]);
      }),
    );

    const winners = approvers.filter((_, index) => results[index].outcome === 'updated');
    expect(winners).toHaveLength(1);
    expect(results.filter((result) => result.outcome === 'conflict')).toHaveLength(19);
    expect((await store.get(request.id))?.decidedBy).toBe(winners[0]);
    expect((await store.events(request.id)).map((event) => event.actor)).toEqual(winners);
  });

  test('claim inside cooldown returns the holder', async () => {
    const first = await insertApproved('req-0001');
    const second = await insertApproved('req-0002');
    const holder = buildTarget(first, at(10_000));
    await store.update(sending(first, at(10_000)), first, [], { notBefore: at(10_000 - COOLDOWN_MS), record: holder });

    const now = at(30_000);
    const claim = { notBefore: new Date(now.getTime() - COOLDOWN_MS), record: buildTarget(second, now) };
    const result = await store.update(sending(second, now), second, [buildEvent(second.id, 'sending')], claim);

    expect(result).toEqual({ outcome: 'cooldown', target: holder });
    expect(await store.get(second.id)).toEqual(second);
    expect(await store.events(second.id)).toEqual([buildEvent(second.id, 'created')]);
    expect(await store.target(first.cenId, first.cenOwnerId)).toEqual(holder);
  });

  test('claim after cooldown replaces the target', async () => {
    const first = await insertApproved('req-0001');
    const second = await insertApproved('req-0002');
    await store.update(sending(first, at(10_000)), first, [], { notBefore: at(10_000 - COOLDOWN_MS), record: buildTarget(first, at(10_000)) });

    const now = at(10_000 + COOLDOWN_MS);
    const record = buildTarget(second, now);
    const result = await store.update(sending(second, now), second, [], { notBefore: new Date(now.getTime() - COOLDOWN_MS), record });

    expect(result).toEqual({ outcome: 'updated' });
    expect(await store.target(second.cenId, second.cenOwnerId)).toEqual(record);
    expect((await store.get(second.id))?.status).toBe('sending');
  });

  test('conflicting claim leaves the target unchanged', async () => {
    const request = await insertApproved('req-0001');
    const claim = { notBefore: at(-COOLDOWN_MS), record: buildTarget(request, T0) };

    const result = await store.update(sending(request, T0), { status: 'pending', version: 1 }, [], claim);

    expect(result).toEqual({ outcome: 'conflict' });
    expect(await store.target(request.cenId, request.cenOwnerId)).toBeUndefined();
  });

  test('20 concurrent claims: exactly one wins', async () => {
    const requests = await Promise.all(Array.from({ length: 20 }, (_, index) => insertApproved(`req-${String(index).padStart(4, '0')}`)));
    const other = harness.open();
    await other.migrate();

    const results: UpdateResult[] = await Promise.all(
      requests.map((request, index) => {
        const claim = { notBefore: at(-COOLDOWN_MS), record: buildTarget(request, T0) };
        return (index % 2 === 0 ? store : other).update(sending(request, T0), request, [], claim);
      }),
    );

    const winners = requests.filter((_, index) => results[index].outcome === 'updated');
    expect(winners.map((request) => request.id)).toHaveLength(1);
    const holder = buildTarget(winners[0], T0);
    const cooldowns = results.filter((result) => result.outcome === 'cooldown');
    expect(cooldowns).toHaveLength(19);
    expect(cooldowns).toEqual(Array.from({ length: 19 }, () => ({ outcome: 'cooldown', target: holder })));
    expect(await store.target(holder.cenId, holder.cenOwnerId)).toEqual(holder);
  });

  test('releaseTarget restores the previous target', async () => {
    const first = await insertApproved('req-0001');
    const second = await insertApproved('req-0002');
    const previous = buildTarget(first, at(10_000));
    await store.update(sending(first, at(10_000)), first, [], { notBefore: at(-COOLDOWN_MS), record: previous });
    const claimed = buildTarget(second, at(10_000 + COOLDOWN_MS));
    await store.update(sending(second, claimed.lastSentAt), second, [], { notBefore: at(10_000), record: claimed });

    await store.releaseTarget(claimed, previous);

    expect(await store.target(first.cenId, first.cenOwnerId)).toEqual(previous);
  });

  test('releaseTarget without a previous target removes it', async () => {
    const request = await insertApproved('req-0001');
    const claimed = buildTarget(request, T0);
    await store.update(sending(request, T0), request, [], { notBefore: at(-COOLDOWN_MS), record: claimed });

    await store.releaseTarget(claimed, undefined);

    expect(await store.target(request.cenId, request.cenOwnerId)).toBeUndefined();
  });

  test('releaseTarget keeps a newer claim', async () => {
    const first = await insertApproved('req-0001');
    const second = await insertApproved('req-0002');
    const released = buildTarget(first, T0);
    await store.update(sending(first, T0), first, [], { notBefore: at(-COOLDOWN_MS), record: released });
    const newer = buildTarget(second, at(COOLDOWN_MS));
    await store.update(sending(second, newer.lastSentAt), second, [], { notBefore: T0, record: newer });

    await store.releaseTarget(released, undefined);

    expect(await store.target(first.cenId, first.cenOwnerId)).toEqual(newer);
  });

  test('listByStatus returns matching requests by ID', async () => {
    await store.insert(buildRequest({ id: 'req-0003', status: 'failed' }), []);
    await store.insert(buildRequest({ id: 'req-0001', status: 'sending' }), []);
    await store.insert(buildRequest({ id: 'req-0002', status: 'pending' }), []);
    await store.insert(buildRequest({ id: 'req-0004', status: 'sent' }), []);

    const listed = await store.listByStatus(['sending', 'failed', 'sent']);

    expect(listed.map((request) => request.id)).toEqual(['req-0001', 'req-0003', 'req-0004']);
    expect(listed[0]).toEqual(buildRequest({ id: 'req-0001', status: 'sending' }));
  });

  test('listByStatus of no states returns nothing', async () => {
    await store.insert(buildRequest(), []);

    expect(await store.listByStatus([])).toEqual([]);
  });

  test('events come back in append order', async () => {
    const request = buildRequest();
    const actions = ['created', 'posted', 'approved', 'sending', 'sent', 'reminded', 'binding'];
    await store.insert(request, [buildEvent(request.id, actions[0])]);
    await store.appendEvents(actions.slice(1, 4).map((action) => buildEvent(request.id, action)));
    await store.appendEvents(actions.slice(4).map((action) => buildEvent(request.id, action)));
    await store.appendEvents([buildEvent('req-other', 'created')]);

    const events = await store.events(request.id);

    expect(events.map((event) => event.action)).toEqual(actions);
  });

  test('event round-trips every field', async () => {
    const event = buildEvent('req-0001', 'send_failed', {
      at: at(5000),
      actor: 'system',
      fromStatus: 'sending',
      toStatus: 'failed',
      slackChannel: 'C0APPROVALS',
      slackTs: '1740816000.000100',
      alibabaRequestId: '5C3D6B2E-1A2B-4C3D-8E9F-0A1B2C3D4E5F',
      errorCode: 'Throttling',
      detail: 'ECD throttled the call',
    });

    await store.appendEvents([event]);

    expect(await store.events('req-0001')).toEqual([event]);
  });

  test('database rejects UPDATE on audit events', async () => {
    const created = buildEvent('req-0001', 'created');
    await store.appendEvents([created]);

    await expect(harness.execute("UPDATE audit_events SET actor = 'U0INTRUDER'")).rejects.toThrow(/append-only/);
    expect(await store.events('req-0001')).toEqual([created]);
  });

  test('database rejects DELETE on audit events', async () => {
    const created = buildEvent('req-0001', 'created');
    await store.appendEvents([created]);

    await expect(harness.execute('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    expect(await store.events('req-0001')).toEqual([created]);
  });

  test('migrate twice is harmless', async () => {
    const request = buildRequest();
    await store.insert(request, [buildEvent(request.id, 'created')]);

    await store.migrate();
    await store.migrate();

    expect(await store.get(request.id)).toEqual(request);
    expect(await store.events(request.id)).toHaveLength(1);
  });

  test('reopened store keeps its data', async () => {
    const request = await insertApproved('req-0001');
    const claimed = buildTarget(request, T0);
    await store.update(sending(request, T0), request, [], { notBefore: at(-COOLDOWN_MS), record: claimed });
    await store.close();

    const reopened = harness.open();
    await reopened.migrate();

    expect(await reopened.get(request.id)).toEqual(sending(request, T0));
    expect(await reopened.events(request.id)).toEqual([buildEvent(request.id, 'created')]);
    expect(await reopened.target(request.cenId, request.cenOwnerId)).toEqual(claimed);
  });
});
