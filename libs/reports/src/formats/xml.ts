/** A minimal XML tree and serializer: element names are fixed by the format mappings, text is always escaped. */
export interface XmlElement {
  name: string;
  attributes?: Record<string, string>;
  children?: XmlNode[];
}
export type XmlNode = XmlElement | { text: string };

export function element(
  name: string,
  children: Array<XmlNode | null | undefined> = [],
  attributes?: Record<string, string>,
): XmlElement {
  return {
    name,
    attributes,
    children: children.filter((child): child is XmlNode => child !== null && child !== undefined),
  };
}

export function leaf(name: string, value: string | number): XmlElement {
  return { name, children: [{ text: String(value) }] };
}

// characters XML 1.0 does not allow at all are dropped rather than producing a document no parser accepts
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(value: string): string {
  return value
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function write(node: XmlNode, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  if ('text' in node) {
    out.push(`${indent}${escapeXml(node.text)}\n`);
    return;
  }
  const attributes = Object.entries(node.attributes ?? {})
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
  const children = node.children ?? [];
  if (children.length === 0) out.push(`${indent}<${node.name}${attributes}/>\n`);
  else if (children.length === 1 && 'text' in children[0])
    out.push(`${indent}<${node.name}${attributes}>${escapeXml(children[0].text)}</${node.name}>\n`);
  else {
    out.push(`${indent}<${node.name}${attributes}>\n`);
    for (const child of children) write(child, depth + 1, out);
    out.push(`${indent}</${node.name}>\n`);
  }
}

export function serializeXml(root: XmlElement, encoding: string): string {
  const out = [`<?xml version="1.0" encoding="${encoding}"?>\n`];
  write(root, 0, out);
  return out.join('');
}
