import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeUtf8, type NamedBuffer } from './decode.js';
import { ListFormatError } from './list-format.error.js';

/** An element as fast-xml-parser returns it: child elements by name, attributes as `@_name`, text as `#text`. */
export type XmlNode = { [key: string]: unknown };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

/**
 * Validates then parses an XML list file and returns its root element. A document that is not well formed
 * (including a truncated download) or that lacks the expected root element is a ListFormatError.
 */
export function parseXmlRoot(file: NamedBuffer, rootName: string): XmlNode {
  const text = decodeUtf8(file);
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { line, col, msg } = validation.err;
    throw new ListFormatError(file.name, `line ${line}, column ${col}`, `XML is not well formed: ${msg}`);
  }
  let document: XmlNode;
  try {
    document = parser.parse(text) as XmlNode;
  } catch (cause) {
    throw new ListFormatError(
      file.name,
      'document',
      `XML cannot be parsed: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
  const root = document[rootName];
  if (root === undefined) {
    const found = Object.keys(document).filter((key) => !key.startsWith('?'));
    throw new ListFormatError(
      file.name,
      'root element',
      `expected <${rootName}>, found ${found.length === 0 ? 'no element' : found.map((key) => `<${key}>`).join(', ')}`,
    );
  }
  return isNode(root) ? root : { '#text': root };
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Child elements named `key` as an array of elements (an empty `<X/>` counts as an element with no content). */
export function children(node: XmlNode | undefined, key: string): XmlNode[] {
  if (node === undefined) return [];
  const value = node[key];
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.map((item) => (isNode(item) ? item : { '#text': item }));
}

export function child(node: XmlNode | undefined, key: string): XmlNode | undefined {
  return children(node, key)[0];
}

/** Text content of a value (string, number, or element with `#text`), trimmed; undefined when empty. */
export function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const text = String(value).trim();
    return text === '' ? undefined : text;
  }
  if (Array.isArray(value)) return textOf(value[0]);
  if (isNode(value)) return textOf(value['#text']);
  return undefined;
}

/** Text of the first child element `key`. */
export function text(node: XmlNode | undefined, key: string): string | undefined {
  if (node === undefined) return undefined;
  return textOf(node[key]);
}

/** Texts of every child element `key` (and of their VALUE children, the UN way). */
export function texts(node: XmlNode | undefined, key: string): string[] {
  const result: string[] = [];
  for (const element of children(node, key)) {
    const own = textOf(element);
    if (own !== undefined) result.push(own);
    for (const value of children(element, 'VALUE')) {
      const valueText = textOf(value);
      if (valueText !== undefined) result.push(valueText);
    }
  }
  return result;
}

export function attribute(node: XmlNode | undefined, name: string): string | undefined {
  if (node === undefined) return undefined;
  return textOf(node[`@_${name}`]);
}
