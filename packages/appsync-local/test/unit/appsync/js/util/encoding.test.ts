// util.escapeJavaScript, util.urlEncode/urlDecode and util.base64Encode/base64Decode, checked
// against what the Java implementations AppSync uses produce (Commons Lang escapeEcmaScript,
// URLEncoder/URLDecoder with UTF-8, java.util.Base64).
import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  escapeJavaScript,
  urlDecode,
  urlEncode,
} from '../../../../../src/appsync/js/util/encoding.ts';

describe('util.escapeJavaScript', () => {
  it('escapes quotes, backslashes and slashes', () => {
    expect(escapeJavaScript(`He didn't say, "Stop!" </script> \\`)).toBe(`He didn\\'t say, \\"Stop!\\" <\\/script> \\\\`);
  });

  it('escapes control characters with short escapes where JavaScript has them', () => {
    expect(escapeJavaScript('a\nb\tc\rd\be\ff')).toBe('a\\nb\\tc\\rd\\be\\ff');
    expect(escapeJavaScript('\u0001\u001f')).toBe('\\u0001\\u001F');
  });

  it('writes every non-ASCII character as an upper-case \\uXXXX escape, surrogate pairs included', () => {
    expect(escapeJavaScript('café ☕ 😀')).toBe('caf\\u00E9 \\u2615 \\uD83D\\uDE00');
  });

  it('leaves plain ASCII alone and rejects non-strings', () => {
    expect(escapeJavaScript('plain text 123 {}[]')).toBe('plain text 123 {}[]');
    expect(() => escapeJavaScript(42)).toThrow(TypeError);
  });
});

describe('util.urlEncode and util.urlDecode', () => {
  it('encodes as application/x-www-form-urlencoded: spaces as +, only .-*_ and alphanumerics kept', () => {
    expect(urlEncode('a b&c=d/e?f')).toBe('a+b%26c%3Dd%2Fe%3Ff');
    expect(urlEncode("!'()~.-*_")).toBe('%21%27%28%29%7E.-*_');
  });

  it('encodes UTF-8 bytes with upper-case hex', () => {
    expect(urlEncode('café ☕')).toBe('caf%C3%A9+%E2%98%95');
  });

  it('decodes + as a space and %XX sequences as UTF-8', () => {
    expect(urlDecode('a+b%26c%3Dd')).toBe('a b&c=d');
    expect(urlDecode('caf%C3%A9+%e2%98%95')).toBe('café ☕');
    expect(urlDecode(urlEncode('round trip: ✓ & more'))).toBe('round trip: ✓ & more');
  });

  it('rejects a malformed escape as URLDecoder does', () => {
    expect(() => urlDecode('100%')).toThrow(/illegal hex/);
    expect(() => urlDecode('%zz')).toThrow(/illegal hex/);
  });
});

describe('util.base64Encode and util.base64Decode', () => {
  it('encodes the UTF-8 bytes with padding', () => {
    expect(base64Encode('hello')).toBe('aGVsbG8=');
    expect(base64Encode('café')).toBe('Y2Fmw6k=');
    expect(base64Encode('')).toBe('');
  });

  it('decodes padded and unpadded input back to text', () => {
    expect(base64Decode('aGVsbG8=')).toBe('hello');
    expect(base64Decode('aGVsbG8')).toBe('hello');
    expect(base64Decode(base64Encode('😀 ünïcødé'))).toBe('😀 ünïcødé');
  });

  it('rejects text that is not Base64', () => {
    expect(() => base64Decode('not base64!')).toThrow(/not a valid Base64/);
    expect(() => base64Decode('abcde')).toThrow(/not a valid Base64/);
  });
});
