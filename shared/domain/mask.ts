/** Masked forms of a reporter's identity, shown until a user deliberately reveals it. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length <= 4) return '*'.repeat(p.length);
  if (p.length < 8) return '*'.repeat(p.length - 4) + p.slice(-4);
  return p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4);
}

export function maskIdNumber(id: string): string {
  const v = id.trim();
  return v.length < 8 ? '*'.repeat(v.length) : v.slice(0, 3) + '*'.repeat(v.length - 7) + v.slice(-4);
}

/** Addresses keep only their first few characters (the county or town), never the house. */
export function maskAddress(address: string): string {
  const chars = [...address.trim()];
  return chars.length <= 3 ? '*'.repeat(chars.length) : chars.slice(0, 3).join('') + '****';
}
