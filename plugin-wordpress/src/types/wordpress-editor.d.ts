// Type declarations for the parts of @wordpress/data, @wordpress/editor and @wordpress/plugins the
// plugin uses; wp-scripts maps these imports to the wp.* globals, so the packages are not installed.
declare module '@wordpress/data' {
  interface BlockEditorSelectors {
    getClientIdsWithDescendants(): string[];
    getBlockName(clientId: string): string | null;
    getBlockAttributes(clientId: string): Record<string, unknown> | null;
  }
  interface EditorSelectors {
    isPublishSidebarOpened(): boolean;
  }
  interface Select {
    (store: 'core/block-editor'): BlockEditorSelectors;
    (store: 'core/editor'): EditorSelectors;
  }
  interface EditorActions {
    lockPostSaving(name: string): void;
    unlockPostSaving(name: string): void;
  }
  interface NoticesActions {
    createErrorNotice(message: string, options?: { id?: string; isDismissible?: boolean }): void;
    removeNotice(id: string): void;
  }

  export function useSelect<T>(mapSelect: (select: Select) => T, deps?: unknown[]): T;
  export function useDispatch(store: 'core/editor'): EditorActions;
  export function useDispatch(store: 'core/notices'): NoticesActions;
}

declare module '@wordpress/editor' {
  import type { ComponentType, ReactNode } from 'react';

  export const PluginPrePublishPanel: ComponentType<{
    children?: ReactNode;
    title?: string;
    initialOpen?: boolean;
    className?: string;
    icon?: string;
  }>;
}

declare module '@wordpress/plugins' {
  import type { ComponentType } from 'react';

  export function registerPlugin(
    name: string,
    settings: { render: ComponentType; icon?: string },
  ): void;
}
