// util.escapeJavaScript, util.urlEncode/urlDecode and util.base64Encode/base64Decode. AppSync
// runs these on the JVM, so they follow Java's behaviour: Commons Lang's escapeEcmaScript,
// java.net.URLEncoder/URLDecoder with UTF-8, and java.util.Base64 (strict when decoding).
import { requireString } from './values.ts';

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  "'": "\\'",
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\n': '\\n',
  '\t': '\\t',
  '\f': '\\f',
  '\r': '\\r',
};

/** Escapes quotes, backslash, slash and control characters; non-ASCII becomes \uXXXX. */
export function escapeJavaScript(value: unknown): string {
  const text = requireString(value, 'util.escapeJavaScript');
  let escaped = '';
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    const code = text.charCodeAt(index);
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) {
      escaped += short;
    } else if (code < 0x20 || code > 0x7f) {
      escaped += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    } else {
      escaped += char;
    }
  }
  return escaped;
}

// URLEncoder leaves only these unencoded; encodeURIComponent also leaves !'()~ alone.
const URL_SAFE = /[A-Za-z0-9.\-*_]/;

/** application/x-www-form-urlencoded, UTF-8: space becomes '+', everything unsafe %XX. */
export function urlEncode(value: unknown): string {
  const text = requireString(value, 'util.urlEncode');
  let encoded = '';
  for (const char of text) {
    if (char === ' ') {
      encoded += '+';
    } else if (URL_SAFE.test(char)) {
      encoded += char;
    } else {
      for (const byte of Buffer.from(char, 'utf8')) {
        encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      }
    }
  }
  return encoded;
}

/** Reverses urlEncode; a malformed %-escape is an error, as in URLDecoder. */
export function urlDecode(value: unknown): string {
  const text = requireString(value, 'util.urlDecode');
  const bytes: number[] = [];
  let decoded = '';
  const flushBytes = (): void => {
    if (bytes.length > 0) {
      decoded += Buffer.from(bytes).toString('utf8');
      bytes.length = 0;
    }
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (char === '%') {
      const hex = text.slice(index + 1, index + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        throw new Error(`util.urlDecode: illegal hex characters in escape (%) pattern at index ${index}`);
      }
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
      continue;
    }
    flushBytes();
    decoded += char === '+' ? ' ' : char;
  }
  flushBytes();
  return decoded;
}

/** Base64 (standard alphabet, padded) of the UTF-8 bytes of the string. */
export function base64Encode(value: unknown): string {
  return Buffer.from(requireString(value, 'util.base64Encode'), 'utf8').toString('base64');
}

const BASE64_TEXT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/** Decodes standard Base64 to a UTF-8 string; anything that is not Base64 is an error. */
export function base64Decode(value: unknown): string {
  const text = requireString(value, 'util.base64Decode');
  if (!BASE64_TEXT.test(text)) {
    throw new Error('util.base64Decode: the input is not a valid Base64 string');
  }
  return Buffer.from(text, 'base64').toString('utf8');
}
