// Registers a custom element once: the embed bundle and a host's bundle may share a page.
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
