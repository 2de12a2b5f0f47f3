import { optionValues } from './block-elements';
import type { SlackBlock } from './types';

/** A user's input in one block: a string, or several values for multi-selects and checkboxes. */
export type InputValue = string | string[];

type Json = Record<string, unknown>;

/** Raised when Slack's client would not let the user submit, e.g. a required input is empty. */
export class ClientValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientValidationError';
  }
}

/** Element types whose value Slack reports in `state.values`; buttons and overflows report none. */
const STATEFUL = /(_input|_select|^checkboxes|^radio_buttons|picker)$/;

function allOptions(element: Json): Json[] {
  const groups = Array.isArray(element.option_groups) ? (element.option_groups as Json[]) : [];
  const grouped = groups.flatMap((group) => (group.options as Json[] | undefined) ?? []);
  return [...((element.options as Json[] | undefined) ?? []), ...grouped];
}

/** Finds the option a user picked; an external select's options come from the app, so any value goes. */
function findOption(element: Json, value: string, blockId: string): unknown {
  const option = allOptions(element).find((candidate) => candidate.value === value);
  if (option) return option;
  if (String(element.type).includes('external')) return { text: { type: 'plain_text', text: value }, value };

  const offered = optionValues(element).join(', ');
  throw new ClientValidationError(`block ${blockId} offers no option ${JSON.stringify(value)}; it offers: ${offered}`);
}

function asList(value: InputValue | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

function first(value: InputValue | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function isMultiOptionSelect(type: string): boolean {
  return /^multi_(static|external)_select$/.test(type) || type === 'checkboxes';
}

/** Builds one `state.values[block_id][action_id]` entry, shaped by the element type as Slack does. */
function elementState(element: Json, value: InputValue | undefined, blockId: string): Json {
  const type = String(element.type);
  const single = first(value);
  if (isMultiOptionSelect(type)) {
    const selected = asList(value)?.map((item) => findOption(element, item, blockId));
    return { type, selected_options: selected ?? element.initial_options ?? [] };
  }
  switch (type) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons': {
      const selected = single === undefined ? undefined : findOption(element, single, blockId);
      return { type, selected_option: selected ?? element.initial_option ?? null };
    }
    case 'users_select': return { type, selected_user: single ?? element.initial_user ?? null };
    case 'multi_users_select': return { type, selected_users: asList(value) ?? element.initial_users ?? [] };
    case 'conversations_select': return { type, selected_conversation: single ?? element.initial_conversation ?? null };
    case 'channels_select': return { type, selected_channel: single ?? element.initial_channel ?? null };
    case 'datepicker': return { type, selected_date: single ?? element.initial_date ?? null };
    case 'timepicker': return { type, selected_time: single ?? element.initial_time ?? null };
    // An input the user cleared reports null, as Slack does for an empty field.
    default: return { type, value: single === '' ? null : single ?? element.initial_value ?? null };
  }
}

function isEmpty(state: Json): boolean {
  const entry = Object.entries(state).find(([key]) => key !== 'type');
  const value = entry?.[1];
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Applies the checks Slack's client makes before it sends a submission. */
function checkInput(block: SlackBlock, element: Json, state: Json): void {
  if (block.optional !== true && isEmpty(state)) {
    throw new ClientValidationError(`required input block ${block.block_id} is empty`);
  }
  const text = typeof state.value === 'string' ? state.value : undefined;
  if (text === undefined) return;
  if (typeof element.max_length === 'number' && text.length > element.max_length) {
    throw new ClientValidationError(`block ${block.block_id} takes at most ${element.max_length} characters`);
  }
  if (typeof element.min_length === 'number' && text.length < element.min_length) {
    throw new ClientValidationError(`block ${block.block_id} needs at least ${element.min_length} characters`);
  }
}

function statefulElements(block: SlackBlock): Json[] {
  let candidates: unknown[] = [block.accessory];
  if (block.type === 'input') candidates = [block.element];
  if (block.type === 'actions') candidates = Array.isArray(block.elements) ? block.elements : [];

  return candidates.filter((element): element is Json => {
    return typeof element === 'object' && element !== null && STATEFUL.test(String((element as Json).type));
  });
}

/**
 * Builds a view's `state.values` from what the user entered, keyed by block_id. Blocks the user
 * left alone report their initial value. Throws `ClientValidationError` where Slack's client would
 * refuse to submit: an empty required input, a length limit, or an option the select lacks.
 */
export function buildViewState(
  blocks: SlackBlock[],
  values: Record<string, InputValue>,
  checks: 'submit' | 'none' = 'submit',
): Record<string, Record<string, Json>> {
  const known = new Set(blocks.map((block) => block.block_id));
  const unknown = Object.keys(values).filter((blockId) => !known.has(blockId));
  if (unknown.length > 0) throw new ClientValidationError(`the view has no block ${unknown.join(', ')}`);

  const state: Record<string, Record<string, Json>> = {};
  for (const block of blocks) {
    const blockId = block.block_id as string;
    for (const element of statefulElements(block)) {
      const entry = elementState(element, values[blockId], blockId);
      if (block.type === 'input' && checks === 'submit') checkInput(block, element, entry);
      state[blockId] = { ...state[blockId], [String(element.action_id)]: entry };
    }
  }
  return state;
}

/** Finds the select element of a block, for a choice made in a view. */
export function findSelect(blocks: SlackBlock[], blockId: string): Json {
  const block = blocks.find((candidate) => candidate.block_id === blockId);
  const element = block ? statefulElements(block).find((candidate) => String(candidate.type).endsWith('select')) : undefined;
  if (!element) throw new ClientValidationError(`the view has no select in block ${blockId}`);
  return element;
}

/** Builds the `actions` entry of a choice in a select, as Slack reports it. */
export function selectAction(element: Json, blockId: string, value: string, actionTs: string): Json {
  const state = elementState(element, value, blockId);
  return { type: element.type, block_id: blockId, action_id: element.action_id, selected_option: state.selected_option, action_ts: actionTs };
}
