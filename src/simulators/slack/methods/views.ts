import { stringArg } from '../method-error';
import type { SlackArgs } from '../types';
import { readView } from '../view-checks';
import type { MethodContext, MethodSpec } from './method-context';

function open(args: SlackArgs, context: MethodContext): Record<string, unknown> {
  const input = readView(args);
  const trigger = context.triggers.exchange(stringArg(args, 'trigger_id'));
  return { ok: true, view: context.views.open(input, trigger.userId) };
}

function push(args: SlackArgs, context: MethodContext): Record<string, unknown> {
  const input = readView(args);
  const trigger = context.triggers.exchange(stringArg(args, 'trigger_id'));
  return { ok: true, view: context.views.push(input, trigger.userId, trigger.viewId) };
}

function update(args: SlackArgs, context: MethodContext): Record<string, unknown> {
  const input = readView(args);
  const view = context.views.update(input, {
    viewId: stringArg(args, 'view_id'),
    externalId: stringArg(args, 'external_id'),
    hash: stringArg(args, 'hash'),
  });
  return { ok: true, view };
}

export const viewMethods: Record<string, MethodSpec> = {
  'views.open': { handler: open, token: 'bot' },
  'views.push': { handler: push, token: 'bot' },
  'views.update': { handler: update, token: 'bot' },
};
