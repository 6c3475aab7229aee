// @wordpress/block-editor ships no type declarations for its entry point; these are the parts the block uses.
declare module '@wordpress/block-editor' {
  import type { ComponentType, HTMLAttributes, ReactNode } from 'react';

  export function useBlockProps(props?: HTMLAttributes<HTMLElement>): HTMLAttributes<HTMLElement>;
  export const InspectorControls: ComponentType<{ children?: ReactNode; group?: string }>;
}

declare module '@wordpress/block-editor' {
  export const BlockControls: ComponentType<{ children?: ReactNode; group?: string }>;
}
