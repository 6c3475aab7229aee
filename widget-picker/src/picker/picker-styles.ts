// <cf-picker>'s styles; every colour and size is a custom property a host can set.
import { css } from 'lit';

export const pickerStyles = css`
  :host {
    --_accent: var(--cf-accent, #1d5fd1);
    --_radius: var(--cf-radius, 8px);
    --_gap: var(--cf-gap, 8px);
    --_tile-height: var(--cf-tile-height, 200px);
    display: block;
    font: var(--cf-font, inherit);
    color: var(--cf-text, #1b1b1b);
    background: var(--cf-surface, #fff);
  }
  :host([hidden]) {
    display: none;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    align-items: end;
    margin-block-end: var(--_gap);
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.875em;
  }
  input,
  select,
  button {
    font: inherit;
    border: 1px solid var(--cf-border, #767676);
    border-radius: var(--_radius);
    padding: 4px 8px;
    background: var(--cf-surface, #fff);
    color: inherit;
  }
  input:focus-visible,
  select:focus-visible,
  button:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 1px;
  }
  .count {
    margin-inline-start: auto;
    font-size: 0.875em;
  }
  .grid {
    position: relative;
    height: var(--cf-picker-height, 480px);
    overflow: auto;
    border: 1px solid var(--cf-border, #767676);
    border-radius: var(--_radius);
    outline: none;
  }
  .grid:focus-visible {
    box-shadow: 0 0 0 2px var(--_accent);
  }
  .row {
    display: grid;
    grid-template-columns: repeat(var(--_columns, 1), minmax(0, 1fr));
    gap: var(--_gap);
    padding: calc(var(--_gap) / 2) var(--_gap);
    width: 100%;
    box-sizing: border-box;
  }
  .tile {
    box-sizing: border-box;
    height: var(--_tile-height);
    display: flex;
    flex-direction: column;
    gap: 4px;
    padding: 6px;
    border: 2px solid transparent;
    border-radius: var(--_radius);
    background: var(--cf-tile-bg, #f4f4f4);
    cursor: pointer;
    overflow: hidden;
  }
  .tile[aria-disabled='true'] {
    cursor: not-allowed;
    border-style: dashed;
    border-color: var(--cf-border, #767676);
  }
  .tile[aria-disabled='true'] .thumb {
    filter: grayscale(1);
  }
  .tile.active {
    border-color: var(--_accent);
  }
  .grid:focus .tile.active {
    outline: 3px solid var(--_accent);
    outline-offset: 1px;
  }
  .thumb {
    flex: 1;
    min-height: 0;
    width: 100%;
    object-fit: cover;
    border-radius: calc(var(--_radius) / 2);
    background: var(--cf-thumb-bg, #ddd);
  }
  .title {
    font-weight: 600;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .badge {
    align-self: start;
    font-size: 0.8em;
    padding: 1px 6px;
    border-radius: 999px;
  }
  .badge.approved {
    background: var(--cf-badge-approved-bg, #d7f5df);
    color: var(--cf-badge-approved-fg, #0b5a26);
  }
  .badge.expiring {
    background: var(--cf-badge-expiring-bg, #fff1c2);
    color: var(--cf-badge-expiring-fg, #5c3f00);
  }
  .badge.blocked {
    background: var(--cf-badge-blocked-bg, #fde0e0);
    color: var(--cf-badge-blocked-fg, #8a1c1c);
  }
  .detail {
    font-size: 0.8em;
    color: var(--cf-muted, #4a4a4a);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .message {
    padding: var(--_gap);
  }
  .warning {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    align-items: center;
    margin-block-start: var(--_gap);
    padding: var(--_gap);
    border-radius: var(--_radius);
    background: var(--cf-badge-expiring-bg, #fff1c2);
    color: var(--cf-badge-expiring-fg, #5c3f00);
  }
`;
