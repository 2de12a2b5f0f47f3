import { BlockKitProblems, checkElement, checkTextObject } from './block-elements';

type Json = Record<string, unknown>;

/** Block types Slack renders; any other type is rejected. */
const KNOWN_BLOCK_TYPES = new Set([
  'actions', 'context', 'divider', 'file', 'header', 'image', 'input', 'markdown', 'rich_text', 'section', 'video',
]);

export const MAX_MESSAGE_BLOCKS = 50;
export const MAX_VIEW_BLOCKS = 100;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkSection(block: Json, pointer: string, problems: BlockKitProblems): void {
  if (block.text === undefined && block.fields === undefined) {
    problems.add('missing required field: text or fields', pointer);
  }
  if (block.text !== undefined) {
    checkTextObject(block.text, { max: 3000 }, `${pointer}/text`, problems);
  }
  if (Array.isArray(block.fields)) {
    problems.maxItems(block.fields, 10, `${pointer}/fields`);
    block.fields.forEach((field, index) => {
      checkTextObject(field, { max: 2000 }, `${pointer}/fields/${index}`, problems);
    });
  }
  if (block.accessory !== undefined) checkElement(block.accessory, `${pointer}/accessory`, problems);
}

function checkActions(block: Json, pointer: string, problems: BlockKitProblems): void {
  if (!Array.isArray(block.elements) || block.elements.length === 0) {
    problems.add('missing required field: elements', pointer);
    return;
  }
  problems.maxItems(block.elements, 25, `${pointer}/elements`);
  block.elements.forEach((element, index) => checkElement(element, `${pointer}/elements/${index}`, problems));
  checkUniqueActionIds(block.elements, `${pointer}/elements`, problems);
}

function checkInput(block: Json, pointer: string, problems: BlockKitProblems): void {
  checkTextObject(block.label, { max: 2000, plainOnly: true }, `${pointer}/label`, problems);
  if (block.hint !== undefined) {
    checkTextObject(block.hint, { max: 2000, plainOnly: true }, `${pointer}/hint`, problems);
  }
  if (block.element === undefined) {
    problems.add('missing required field: element', pointer);
    return;
  }
  checkElement(block.element, `${pointer}/element`, problems);
}

function checkContext(block: Json, pointer: string, problems: BlockKitProblems): void {
  if (!Array.isArray(block.elements) || block.elements.length === 0) {
    problems.add('missing required field: elements', pointer);
    return;
  }
  problems.maxItems(block.elements, 10, `${pointer}/elements`);
  block.elements.forEach((element, index) => {
    if (isObject(element) && element.type !== 'image') {
      checkTextObject(element, { max: 3000 }, `${pointer}/elements/${index}`, problems);
    }
  });
}

function checkUniqueActionIds(elements: unknown[], pointer: string, problems: BlockKitProblems): void {
  const seen = new Set<string>();
  elements.forEach((element, index) => {
    if (!isObject(element) || typeof element.action_id !== 'string') return;
    if (seen.has(element.action_id)) {
      problems.add('action_id must be unique within a block', `${pointer}/${index}/action_id`);
    }
    seen.add(element.action_id);
  });
}

function checkBlock(block: unknown, pointer: string, problems: BlockKitProblems): void {
  if (!isObject(block) || typeof block.type !== 'string') {
    problems.add('missing required field: type', pointer);
    return;
  }
  if (!KNOWN_BLOCK_TYPES.has(block.type)) {
    problems.add(`unsupported block type: ${block.type}`, `${pointer}/type`);
    return;
  }
  problems.maxLength(block.block_id, 255, `${pointer}/block_id`);

  switch (block.type) {
    case 'section': return checkSection(block, pointer, problems);
    case 'header': return checkTextObject(block.text, { max: 150, plainOnly: true }, `${pointer}/text`, problems);
    case 'actions': return checkActions(block, pointer, problems);
    case 'input': return checkInput(block, pointer, problems);
    case 'context': return checkContext(block, pointer, problems);
    case 'image': return problems.maxLength(block.alt_text, 2000, `${pointer}/alt_text`);
    case 'markdown': return problems.maxLength(block.text, 12000, `${pointer}/text`);
    default: return undefined;
  }
}

/**
 * Checks a blocks array against Slack's Block Kit limits and returns Slack's error messages,
 * empty when the blocks are valid. `pointer` is the JSON pointer of the array (`/blocks`).
 */
export function checkBlocks(blocks: unknown[], maxBlocks: number, pointer: string): string[] {
  const problems = new BlockKitProblems();
  problems.maxItems(blocks, maxBlocks, pointer);

  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    const blockPointer = `${pointer}/${index}`;
    checkBlock(block, blockPointer, problems);
    if (!isObject(block) || typeof block.block_id !== 'string') return;
    if (blockIds.has(block.block_id)) problems.add('block_id must be unique', `${blockPointer}/block_id`);
    blockIds.add(block.block_id);
  });
  return problems.messages;
}
