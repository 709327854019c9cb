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

/** The extensions that name each accepted type; a part whose extension names another type is refused. */
export const EXTENSIONS: Readonly<Record<string, AcceptedContentType>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  jfif: 'image/jpeg',
  png: 'image/png',
};

/** The extension of a file name (lower case), or null when it has none. */
export function extensionOf(filename: string | undefined): string | null {
  const base = (filename ?? '').split(/[\\/]/).pop() ?? '';
  const match = /.\.([^.]+)$/u.exec(base.trim());
  return match ? match[1].toLowerCase() : null;
}

/**
 * The name as the user typed it. Multer reads a raw UTF-8 name as UTF-8 (defParamCharset) and decodes
 * `filename*=UTF-8''…` itself; this also undoes the two ways a client may still garble it: a name that is
 * percent-encoded (decoded when that yields non-ASCII, so «100%25.pdf» stays as sent) and UTF-8 read as
 * latin1 («ÐŸÐ°...», repaired only when the bytes are valid UTF-8).
 */
export function decodeFilename(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  let decoded = name;
  if (/%[0-9a-f]{2}/i.test(decoded)) {
    try {
      const candidate = decodeURIComponent(decoded);
      if (/[^\u0000-\u007f]/.test(candidate)) decoded = candidate; // eslint-disable-line no-control-regex -- ASCII range
    } catch {
      // not percent-encoding after all
    }
  }
  // eslint-disable-next-line no-control-regex -- latin1 range
  if (/[\u0080-\u00ff]/.test(decoded) && /^[\u0000-\u00ff]*$/.test(decoded)) {
    try {
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(decoded, 'latin1'));
    } catch {
      // really latin1
    }
  }
  return decoded;
}

// control characters, characters Windows forbids in names, and invisible direction overrides and
// zero-width marks (an RLO turns «‮fdp.exe» into «exe.pdf» on screen); ZWNJ/ZWJ stay, scripts need them
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f"<>|:*?\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/gu;

/**
 * A file name safe to store and to send back in Content-Disposition: no paths, no control or
 * direction characters, at most 200 characters. The typed extension stays when it names the
 * detected type (`Scan.JPEG`); without one the detected type's is added.
 */
export function safeFilename(name: string | undefined, detected: { contentType: AcceptedContentType; extension: string }): string {
  const base = (decodeFilename(name) ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = Array.from(base.normalize('NFC').replace(UNSAFE, '').trim()).slice(0, 200).join('');
  const typed = extensionOf(cleaned);
  if (typed !== null && EXTENSIONS[typed] === detected.contentType) return cleaned;
  const stem = (typed === null ? cleaned : cleaned.replace(/\.[^.]*$/, '')) || 'document';
  return `${stem}.${detected.extension}`;
}
