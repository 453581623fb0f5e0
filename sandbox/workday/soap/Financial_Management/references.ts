// Reading typed references out of Financial_Management requests (Company_Reference, Ledger_Account_Reference, Worktags_Reference, …).
import { child, children, type XmlElement } from '../../../kit/soap';

/** The ID of `type` inside a reference element, or the first ID when the type does not matter. */
export function referenceId(reference: XmlElement | undefined, type?: string): string | undefined {
  if (!reference) return undefined;
  const ids = children(reference, 'ID');
  const found = type ? ids.find((id) => id.attrs['type'] === type) : ids[0];
  return found?.text || undefined;
}

/** Each typed ID of every reference named `name` under `parent`: Worktags_Reference repeats. */
export function referenceIds(parent: XmlElement, name: string): { type: string; value: string }[] {
  return children(parent, name).flatMap((ref) => children(ref, 'ID').map((id) => ({ type: id.attrs['type'] ?? '', value: id.text })));
}

export function text(parent: XmlElement, name: string): string | undefined {
  const value = child(parent, name)?.text;
  return value === undefined || value === '' ? undefined : value;
}
