import { randomBytes } from 'node:crypto';

import { assignBlockIds } from './block-ids';
import { SlackMethodError } from './method-error';
import type { Clock, SlackView } from './types';
import type { ViewInput } from './view-checks';
import type { Workspace } from './workspace';

/** Slack shows at most this many views in one modal stack; `views.push` beyond it fails. */
export const MAX_VIEW_STACK = 3;

interface StoredView {
  view: SlackView;
  userId: string;
  open: boolean;
  /** The `errors` of the last `response_action: 'errors'` ack, shown under the inputs. */
  errors?: Record<string, string>;
}

export interface ViewTarget {
  viewId?: string;
  externalId?: string;
  hash?: string;
}

/** Every view the app opened, its current content, and which views are still open. */
export class ViewStore {
  private readonly views = new Map<string, StoredView>();

  constructor(
    private readonly workspace: Workspace,
    private readonly clock: Clock,
  ) {}

  open(input: ViewInput, userId: string, previous?: SlackView): SlackView {
    this.checkExternalIdFree(input.external_id);
    const id = this.workspace.newId('V');
    const view = this.buildView(id, input, previous);
    this.views.set(id, { view, userId, open: true });
    return structuredClone(view);
  }

  /** Opens a view on top of the stack that `parentViewId` belongs to. */
  push(input: ViewInput, userId: string, parentViewId: string | undefined): SlackView {
    const parent = parentViewId === undefined ? undefined : this.views.get(parentViewId);
    // NOTE: a push from a trigger issued outside any modal opens a new stack here. Slack's
    // response in that case was not confirmed.
    if (!parent?.open) return this.open(input, userId);

    const stack = this.stack(parent.view.root_view_id);
    if (stack.length >= MAX_VIEW_STACK) throw new SlackMethodError('push_limit_reached');
    return this.open(input, userId, stack[stack.length - 1].view);
  }

  update(input: ViewInput, target: ViewTarget): SlackView {
    const stored = this.findTarget(target);
    if (target.hash !== undefined && target.hash !== stored.view.hash) throw new SlackMethodError('hash_conflict');
    if (input.external_id !== undefined && input.external_id !== stored.view.external_id) {
      this.checkExternalIdFree(input.external_id);
    }
    const previous = stored.view.previous_view_id ? this.views.get(stored.view.previous_view_id)?.view : undefined;
    stored.view = { ...this.buildView(stored.view.id, input, previous), root_view_id: stored.view.root_view_id };
    stored.errors = undefined;
    return structuredClone(stored.view);
  }

  get(id: string): SlackView | undefined {
    const stored = this.views.get(id);
    return stored && structuredClone(stored.view);
  }

  userOf(id: string): string | undefined {
    return this.views.get(id)?.userId;
  }

  openViews(): SlackView[] {
    return [...this.views.values()].filter((stored) => stored.open).map((stored) => structuredClone(stored.view));
  }

  errors(id: string): Record<string, string> | undefined {
    return this.views.get(id)?.errors;
  }

  setErrors(id: string, errors: Record<string, string>): void {
    const stored = this.views.get(id);
    if (stored) stored.errors = errors;
  }

  /** Closes one view, revealing the one below it in the stack. */
  close(id: string): void {
    const stored = this.views.get(id);
    if (stored) stored.open = false;
  }

  /** Closes every view in the stack `id` belongs to (`response_action: 'clear'`). */
  clear(id: string): void {
    const stored = this.views.get(id);
    if (!stored) return;
    for (const member of this.stack(stored.view.root_view_id)) member.open = false;
  }

  private stack(rootViewId: string): StoredView[] {
    return [...this.views.values()].filter((stored) => stored.open && stored.view.root_view_id === rootViewId);
  }

  private findTarget(target: ViewTarget): StoredView {
    if (target.viewId === undefined && target.externalId === undefined) {
      throw new SlackMethodError('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] either view_id or external_id is required'] },
      });
    }
    const found = [...this.views.values()].find((stored) =>
      target.viewId !== undefined ? stored.view.id === target.viewId : stored.view.external_id === target.externalId,
    );
    if (!found?.open) throw new SlackMethodError('not_found');
    return found;
  }

  // NOTE: uniqueness is checked among open views only; whether Slack also counts closed views
  // was not confirmed.
  private checkExternalIdFree(externalId: string | undefined): void {
    if (!externalId) return;
    const inUse = [...this.views.values()].some((stored) => stored.open && stored.view.external_id === externalId);
    if (inUse) throw new SlackMethodError('duplicate_external_id');
  }

  private buildView(id: string, input: ViewInput, previous: SlackView | undefined): SlackView {
    const { identity } = this.workspace;
    return {
      id,
      team_id: identity.teamId,
      type: input.type,
      title: input.title,
      submit: input.submit ?? null,
      close: input.close ?? null,
      blocks: assignBlockIds(input.blocks),
      private_metadata: input.private_metadata ?? '',
      callback_id: input.callback_id ?? '',
      state: { values: {} },
      hash: `${Math.floor(this.clock.now() / 1000)}.${randomBytes(4).toString('hex')}`,
      clear_on_close: input.clear_on_close ?? false,
      notify_on_close: input.notify_on_close ?? false,
      root_view_id: previous?.root_view_id ?? id,
      previous_view_id: previous?.id ?? null,
      app_id: identity.appId,
      external_id: input.external_id ?? '',
      app_installed_team_id: identity.teamId,
      bot_id: identity.botId,
    };
  }
}
