import { errorMessage } from './method-error';

/** Collects Slack's `[ERROR] … [json-pointer:…]` messages while checking one message or view. */
export class BlockKitProblems {
  readonly messages: string[] = [];

  add(text: string, pointer: string): void {
    this.messages.push(errorMessage(text, pointer));
  }

  /** Records a problem when `value` is a string longer than `max` characters. */
  maxLength(value: unknown, max: number, pointer: string): void {
    if (typeof value === 'string' && value.length > max) {
      this.add(`must be less than ${max + 1} characters`, pointer);
    }
  }

  maxItems(value: unknown, max: number, pointer: string): void {
    if (Array.isArray(value) && value.length > max) {
      this.add(`no more than ${max} items allowed`, pointer);
    }
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface TextRules {
  max: number;
  min?: number;
  plainOnly?: boolean;
}

/** Checks a text object: its type, and `text` between `min` (default 1) and `max` characters. */
export function checkTextObject(value: unknown, rules: TextRules, pointer: string, problems: BlockKitProblems): void {
  if (!isObject(value)) {
    problems.add('must be a text object', pointer);
    return;
  }
  const allowed = rules.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (!allowed.includes(value.type as string)) {
    problems.add(`must be one of ${allowed.join(', ')}`, `${pointer}/type`);
  }
  if (typeof value.text !== 'string') {
    problems.add('missing required field: text', pointer);
    return;
  }
  if (value.text.length < (rules.min ?? 1)) {
    problems.add(`must be more than ${(rules.min ?? 1) - 1} characters`, `${pointer}/text`);
  }
  problems.maxLength(value.text, rules.max, `${pointer}/text`);
}

/** Checks an option object: `text` up to 75 characters and `value` up to 150. */
function checkOption(option: unknown, pointer: string, problems: BlockKitProblems): void {
  if (!isObject(option)) {
    problems.add('must be an option object', pointer);
    return;
  }
  checkTextObject(option.text, { max: 75 }, `${pointer}/text`, problems);
  problems.maxLength(option.value, 150, `${pointer}/value`);
  if (option.description !== undefined) {
    checkTextObject(option.description, { max: 75 }, `${pointer}/description`, problems);
  }
}

function checkOptionList(options: unknown, max: number, pointer: string, problems: BlockKitProblems): void {
  if (!Array.isArray(options)) return;
  problems.maxItems(options, max, pointer);
  options.forEach((option, index) => checkOption(option, `${pointer}/${index}`, problems));
}

/** Returns every option value of a select, including those inside option groups. */
export function optionValues(element: Json): string[] {
  const groups = Array.isArray(element.option_groups) ? element.option_groups : [];
  const grouped = groups.flatMap((group) => (isObject(group) && Array.isArray(group.options) ? group.options : []));
  const options = Array.isArray(element.options) ? element.options : [];
  return [...options, ...grouped].filter(isObject).map((option) => String(option.value));
}

function checkSelect(element: Json, pointer: string, problems: BlockKitProblems): void {
  const isStatic = element.type === 'static_select' || element.type === 'multi_static_select';
  if (isStatic && element.options === undefined && element.option_groups === undefined) {
    problems.add('missing required field: options', pointer);
  }
  checkOptionList(element.options, 100, `${pointer}/options`, problems);
  if (Array.isArray(element.option_groups)) {
    problems.maxItems(element.option_groups, 100, `${pointer}/option_groups`);
    element.option_groups.forEach((group, index) => {
      const groupPointer = `${pointer}/option_groups/${index}`;
      if (!isObject(group)) return;
      checkTextObject(group.label, { max: 75, plainOnly: true }, `${groupPointer}/label`, problems);
      checkOptionList(group.options, 100, `${groupPointer}/options`, problems);
    });
  }
  if (isStatic && isObject(element.initial_option)) {
    const value = String(element.initial_option.value);
    if (!optionValues(element).includes(value)) {
      problems.add('initial_option must match one of the options', `${pointer}/initial_option`);
    }
  }
}

function checkPlainTextInput(element: Json, pointer: string, problems: BlockKitProblems): void {
  const { max_length: maxLength, min_length: minLength } = element;
  if (typeof maxLength === 'number' && (maxLength < 1 || maxLength > 3000)) {
    problems.add('must be between 1 and 3000', `${pointer}/max_length`);
  }
  if (typeof minLength === 'number' && (minLength < 0 || minLength > 3000)) {
    problems.add('must be between 0 and 3000', `${pointer}/min_length`);
  }
  if (typeof maxLength === 'number' && typeof element.initial_value === 'string') {
    problems.maxLength(element.initial_value, maxLength, `${pointer}/initial_value`);
  }
}

function checkButton(element: Json, pointer: string, problems: BlockKitProblems): void {
  checkTextObject(element.text, { max: 75, plainOnly: true }, `${pointer}/text`, problems);
  problems.maxLength(element.value, 2000, `${pointer}/value`);
  problems.maxLength(element.url, 3000, `${pointer}/url`);
  if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
    problems.add('must be one of primary, danger', `${pointer}/style`);
  }
}

/** Checks an interactive element (button, select, input …) inside a block. */
export function checkElement(element: unknown, pointer: string, problems: BlockKitProblems): void {
  if (!isObject(element) || typeof element.type !== 'string') {
    problems.add('missing required field: type', pointer);
    return;
  }
  problems.maxLength(element.action_id, 255, `${pointer}/action_id`);
  if (element.placeholder !== undefined) {
    checkTextObject(element.placeholder, { max: 150, plainOnly: true }, `${pointer}/placeholder`, problems);
  }

  if (element.type === 'button') checkButton(element, pointer, problems);
  if (element.type === 'plain_text_input') checkPlainTextInput(element, pointer, problems);
  if (element.type.endsWith('_select')) checkSelect(element, pointer, problems);
  if (element.type === 'overflow') checkOptionList(element.options, 5, `${pointer}/options`, problems);
  if (element.type === 'radio_buttons' || element.type === 'checkboxes') {
    checkOptionList(element.options, 10, `${pointer}/options`, problems);
  }
}
