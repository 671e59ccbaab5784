// util.xml: XML to a map or JSON, following the conversion AppSync documents (org.json's XML
// rules): an element with only text becomes its value, numbers and booleans in text become
// numbers and booleans, attributes become keys, repeated elements become lists, and text next to
// attributes or child elements is kept under "content".
import { type PlainObject } from './values.ts';

class XmlSyntaxError extends Error {}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

/** The document as a map, e.g. { posts: { post: [{ id: 1, ... }] } }; null if it is not XML. */
export function toMap(xml: unknown): PlainObject | null {
  if (typeof xml !== 'string' || xml.trim() === '') {
    return null;
  }
  try {
    return new XmlReader(xml).readDocument();
  } catch (error) {
    if (error instanceof XmlSyntaxError) {
      return null;
    }
    throw error;
  }
}

/** toMap as a JSON string; with stringEncode, that JSON is itself encoded as a JSON string. */
export function toJsonString(xml: unknown, stringEncode?: unknown): string {
  const json = JSON.stringify(toMap(xml));
  return stringEncode === true ? JSON.stringify(json) : json;
}

class XmlReader {
  private position = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  readDocument(): PlainObject {
    const document: PlainObject = {};
    this.skipMisc();
    while (this.position < this.text.length) {
      this.expect('<');
      const { name, value } = this.readElement();
      accumulate(document, name, value);
      this.skipMisc();
    }
    return document;
  }

  /** Reads from just after '<' to the end of the element. */
  private readElement(): { name: string; value: unknown } {
    const name = this.readName();
    const element: PlainObject = {};
    this.readAttributes(element);
    if (this.text.startsWith('/>', this.position)) {
      this.position += 2;
      return { name, value: Object.keys(element).length === 0 ? '' : element };
    }
    this.expect('>');
    this.readContent(name, element);
    const keys = Object.keys(element);
    if (keys.length === 0) {
      return { name, value: '' };
    }
    if (keys.length === 1 && keys[0] === 'content') {
      return { name, value: element.content };
    }
    return { name, value: element };
  }

  private readAttributes(element: PlainObject): void {
    for (;;) {
      this.skipWhitespace();
      const char = this.text.charAt(this.position);
      if (char === '>' || char === '/' || char === '') {
        return;
      }
      const name = this.readName();
      this.skipWhitespace();
      this.expect('=');
      this.skipWhitespace();
      const quote = this.text.charAt(this.position);
      if (quote !== '"' && quote !== "'") {
        throw new XmlSyntaxError(`expected a quoted attribute value at ${this.position}`);
      }
      const end = this.text.indexOf(quote, this.position + 1);
      if (end === -1) {
        throw new XmlSyntaxError('unterminated attribute value');
      }
      accumulate(element, name, toValue(decodeEntities(this.text.slice(this.position + 1, end))));
      this.position = end + 1;
    }
  }

  private readContent(name: string, element: PlainObject): void {
    for (;;) {
      const next = this.text.indexOf('<', this.position);
      if (next === -1) {
        throw new XmlSyntaxError(`element <${name}> is not closed`);
      }
      const text = this.text.slice(this.position, next).trim();
      if (text !== '') {
        accumulate(element, 'content', toValue(decodeEntities(text)));
      }
      this.position = next;
      if (this.text.startsWith('</', this.position)) {
        this.position += 2;
        const closing = this.readName();
        if (closing !== name) {
          throw new XmlSyntaxError(`mismatched closing tag </${closing}> for <${name}>`);
        }
        this.skipWhitespace();
        this.expect('>');
        return;
      }
      if (this.text.startsWith('<![CDATA[', this.position)) {
        const end = this.text.indexOf(']]>', this.position);
        if (end === -1) {
          throw new XmlSyntaxError('unterminated CDATA section');
        }
        const data = this.text.slice(this.position + 9, end);
        if (data !== '') {
          accumulate(element, 'content', data);
        }
        this.position = end + 3;
      } else if (!this.skipMarkup()) {
        this.position += 1;
        const child = this.readElement();
        accumulate(element, child.name, child.value);
      }
    }
  }

  /** Skips whitespace, the XML declaration, processing instructions, comments and DOCTYPE. */
  private skipMisc(): void {
    do {
      this.skipWhitespace();
    } while (this.skipMarkup());
  }

  /** Skips one comment, processing instruction or declaration at the cursor, if there is one. */
  private skipMarkup(): boolean {
    const rest = this.text.slice(this.position, this.position + 9);
    const terminator = findMarkupTerminator(rest);
    if (terminator === undefined) {
      return false;
    }
    const end = this.text.indexOf(terminator, this.position + 2);
    if (end === -1) {
      throw new XmlSyntaxError('unterminated markup');
    }
    this.position = end + terminator.length;
    return true;
  }

  private readName(): string {
    const match = NAME.exec(this.text.slice(this.position));
    if (!match) {
      throw new XmlSyntaxError(`expected a name at ${this.position}`);
    }
    this.position += match[0].length;
    return match[0];
  }

  private skipWhitespace(): void {
    while (/\s/.test(this.text.charAt(this.position))) {
      this.position += 1;
    }
  }

  private expect(char: string): void {
    if (this.text.charAt(this.position) !== char) {
      throw new XmlSyntaxError(`expected '${char}' at ${this.position}`);
    }
    this.position += 1;
  }
}

function findMarkupTerminator(start: string): string | undefined {
  if (start.startsWith('<!--')) {
    return '-->';
  }
  if (start.startsWith('<?')) {
    return '?>';
  }
  return start.startsWith('<!') && !start.startsWith('<![CDATA[') ? '>' : undefined;
}

/** Adds a value under a key; a second value for the same key turns it into a list. */
function accumulate(target: PlainObject, key: string, value: unknown): void {
  if (!Object.prototype.hasOwnProperty.call(target, key)) {
    target[key] = value;
    return;
  }
  const existing = target[key];
  target[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) {
      return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    }
    if (entity.startsWith('#')) {
      return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    }
    return ENTITIES[entity] ?? whole;
  });
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Text to a JSON value the way org.json's XML.stringToValue does. */
function toValue(text: string): unknown {
  const lower = text.toLowerCase();
  if (lower === 'true') {
    return true;
  }
  if (lower === 'false') {
    return false;
  }
  if (lower === 'null') {
    return null;
  }
  if (NUMBER.test(text)) {
    const number = Number(text);
    const exactInteger = !/[.eE]/.test(text) && !Number.isSafeInteger(number);
    return exactInteger || !Number.isFinite(number) ? text : number;
  }
  return text;
}
