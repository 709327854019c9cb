/** File types the fund accepts, recognised by their first bytes — never by name or declared type. */
const ACCEPTED_TYPES = [
  { contentType: 'application/pdf', extension: 'pdf', magic: [Buffer.from('%PDF-', 'latin1')] },
  { contentType: 'image/png', extension: 'png', magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])] },
  { contentType: 'image/jpeg', extension: 'jpg', magic: [Buffer.from([0xff, 0xd8, 0xff])] },
] as const;

export type AcceptedContentType = (typeof ACCEPTED_TYPES)[number]['contentType'];

export function detectContentType(bytes: Buffer): { contentType: AcceptedContentType; extension: string } | null {
  for (const type of ACCEPTED_TYPES) {
    if (type.magic.some((m) => bytes.length >= m.length && bytes.subarray(0, m.length).equals(m))) {
      return { contentType: type.contentType, extension: type.extension };
    }
  }
  return null;
}

/** A file name safe to store and to send back in Content-Disposition: no paths, no control characters. */
export function safeFilename(name: string | undefined, extension: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .slice(0, 200);
  const stem = cleaned.replace(/\.[^.]*$/, '') || 'document';
  return `${stem}.${extension}`;
}
