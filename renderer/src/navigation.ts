/**
 * Moving between the shell's areas from inside a feature (e.g. from a document's warning to the document settings):
 * the shell switches the area; the area reads which of its tabs to show when it mounts, or hears it while mounted.
 */
export type AreaKey = 'ledger' | 'alerts' | 'repeats' | 'visits' | 'archive' | 'documents' | 'statistics' | 'exchange' | 'settings';
export interface NavTarget {
  area: AreaKey;
  tab?: string;
}

const EVENT = 'xinfang-navigate';
const pending = new Map<AreaKey, string>();

export function navigate(target: NavTarget): void {
  if (target.tab) pending.set(target.area, target.tab);
  window.dispatchEvent(new CustomEvent<NavTarget>(EVENT, { detail: target }));
}

export function onNavigate(listener: (target: NavTarget) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<NavTarget>).detail);
  window.addEventListener(EVENT, handler);
  return () => window.removeEventListener(EVENT, handler);
}

/** The tab an area was asked to show, once. */
export function takeTab(area: AreaKey): string | undefined {
  const tab = pending.get(area);
  pending.delete(area);
  return tab;
}
