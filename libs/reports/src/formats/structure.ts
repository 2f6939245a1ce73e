import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

/**
 * The project's schema check. Validating XSD in Node needs native code, so each XSD in libs/reports/schemas has a
 * JSON twin (`<name>.structure.json`, which the XSD was generated from) describing the same sequence of child
 * elements with cardinalities, allowed attributes and text patterns; this validator checks a document against it.
 */
export interface StructureDescription {
  root: string;
  mappingVersion: string;
  /** keyed by element name, or `parent/name` where one name has two meanings */
  elements: Record<
    string,
    {
      children?: Array<[string, number, number | 'unbounded']>;
      attributes?: string[];
      text?: boolean;
      pattern?: string;
    }
  >;
}

export function loadStructure(name: 'phtr' | 'pstr' | 'goaml-report'): StructureDescription {
  return JSON.parse(
    readFileSync(new URL(`../../schemas/${name}.structure.json`, import.meta.url), 'utf8'),
  ) as StructureDescription;
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function tagOf(node: Ordered): string | undefined {
  return Object.keys(node).find((key) => key !== ':@');
}

/** Answers the problems found (empty: the document conforms). */
export function validateStructure(xml: string, structure: StructureDescription): string[] {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    trimValues: true,
  });
  const problems: string[] = [];
  const document = parser.parse(xml) as Ordered[];
  const roots = document.filter((node) => tagOf(node) !== '?xml');
  if (roots.length !== 1 || tagOf(roots[0]) !== structure.root)
    return [`root must be <${structure.root}>, found ${roots.map((node) => `<${tagOf(node)}>`).join(', ')}`];
  check(roots[0], structure.root, '', `/${structure.root}`);
  return problems;

  function check(node: Ordered, name: string, parent: string, path: string): void {
    const definition = structure.elements[`${parent}/${name}`] ?? structure.elements[name];
    if (!definition) {
      problems.push(`${path}: element not in the schema`);
      return;
    }
    for (const attribute of Object.keys(node[':@'] ?? {})) {
      if (!definition.attributes?.includes(attribute))
        problems.push(`${path}: attribute ${attribute} not allowed`);
    }
    const content = (node[name] ?? []) as Ordered[];
    if (definition.text) {
      const text = content
        .map((child) => (typeof child['#text'] === 'string' ? child['#text'] : ''))
        .join('');
      if (content.some((child) => tagOf(child) !== '#text'))
        problems.push(`${path}: text element with child elements`);
      if (!text) problems.push(`${path}: empty (write @I when the information is unavailable)`);
      else if (definition.pattern && !new RegExp(definition.pattern).test(text))
        problems.push(`${path}: "${text}" does not match ${definition.pattern}`);
      return;
    }
    const children = content.filter((child) => tagOf(child) !== '#text');
    if (content.some((child) => tagOf(child) === '#text' && String(child['#text']).trim() !== ''))
      problems.push(`${path}: text in a container element`);
    let index = 0;
    for (const [childName, min, max] of definition.children ?? []) {
      let count = 0;
      while (index < children.length && tagOf(children[index]) === childName) {
        count += 1;
        check(children[index], childName, name, `${path}/${childName}[${count}]`);
        index += 1;
      }
      if (count < min) problems.push(`${path}: expected at least ${min} <${childName}>, found ${count}`);
      if (max !== 'unbounded' && count > max)
        problems.push(`${path}: expected at most ${max} <${childName}>, found ${count}`);
    }
    for (const extra of children.slice(index))
      problems.push(`${path}: unexpected <${tagOf(extra)}> (out of order or not in the schema)`);
  }
}
