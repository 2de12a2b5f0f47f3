import { checkTextObject, BlockKitProblems } from './block-elements';
import { checkBlocks, MAX_VIEW_BLOCKS } from './block-kit';
import { invalidArguments, jsonArg, SlackMethodError } from './method-error';
import type { SlackArgs, SlackBlock, TextObject } from './types';

/** Slack rejects a view whose JSON is larger than 250 kB with `view_too_large`. */
const MAX_VIEW_BYTES = 250 * 1024;

/** The fields of a view the app sends to `views.open`, `views.update` and `views.push`. */
export interface ViewInput {
  type: 'modal' | 'home';
  title?: TextObject;
  submit?: TextObject;
  close?: TextObject;
  blocks: SlackBlock[];
  private_metadata?: string;
  callback_id?: string;
  external_id?: string;
  clear_on_close?: boolean;
  notify_on_close?: boolean;
}

function checkModalTexts(view: Record<string, unknown>, problems: BlockKitProblems): void {
  if (view.title === undefined) problems.add('missing required field: title', '/view');
  else checkTextObject(view.title, { max: 24, plainOnly: true }, '/view/title', problems);

  for (const field of ['submit', 'close'] as const) {
    if (view[field] === undefined || view[field] === null) continue;
    checkTextObject(view[field], { max: 24, plainOnly: true }, `/view/${field}`, problems);
  }
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  const hasInput = blocks.some((block) => (block as SlackBlock)?.type === 'input');
  if (hasInput && (view.submit === undefined || view.submit === null)) {
    problems.add('submit is required when an input block is within the blocks array', '/view/submit');
  }
}

function checkViewObject(view: Record<string, unknown>): string[] {
  const problems = new BlockKitProblems();
  if (view.type !== 'modal' && view.type !== 'home') {
    problems.add('must be one of modal, home', '/view/type');
  }
  if (view.type === 'modal') checkModalTexts(view, problems);
  problems.maxLength(view.private_metadata, 3000, '/view/private_metadata');
  problems.maxLength(view.callback_id, 255, '/view/callback_id');
  problems.maxLength(view.external_id, 255, '/view/external_id');

  if (!Array.isArray(view.blocks)) {
    problems.add('missing required field: blocks', '/view');
    return problems.messages;
  }
  return [...problems.messages, ...checkBlocks(view.blocks, MAX_VIEW_BLOCKS, '/view/blocks')];
}

/**
 * Reads the `view` argument and checks it against Slack's limits: title, submit and close up to
 * 24 characters, `private_metadata` up to 3000, at most 100 blocks, 250 kB in all. Slack rejects a
 * view that breaks a limit with `invalid_arguments` and the reasons in `response_metadata.messages`.
 */
export function readView(args: SlackArgs): ViewInput {
  const view = jsonArg(args, 'view', 'invalid_arguments');
  if (typeof view !== 'object' || view === null || Array.isArray(view)) {
    throw invalidArguments(['[ERROR] missing required field: view']);
  }
  if (Buffer.byteLength(JSON.stringify(view)) > MAX_VIEW_BYTES) throw new SlackMethodError('view_too_large');

  const messages = checkViewObject(view as Record<string, unknown>);
  if (messages.length > 0) throw invalidArguments(messages);
  return view as ViewInput;
}
