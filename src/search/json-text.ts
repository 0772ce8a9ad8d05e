import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../errors.ts';

/** Deeper than this, a JSON input is refused before anything recursive walks it (a config is a handful of levels). */
export const maxJsonDepth = 64;

// Keys that would reach an object's prototype when copied, instead of being data (a `when` of "__proto__" was once dropped silently).
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return deepest;
}

function checkKeys(value: unknown, where: string, path: string): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkKeys(item, where, `${path}[${i}]`));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const field = path === '' ? key : `${path}.${key}`;
    if (forbiddenKeys.has(key)) throw new InputError(`${where}: ${field}: the key ${JSON.stringify(key)} is not allowed`);
    checkKeys(item, where, field);
  }
}

/**
 * Parses the text of a JSON input (a config, study.json, report.json): a UTF-8 byte-order
 * mark is skipped; nesting deeper than `maxJsonDepth`, keys such as `__proto__`, and text
 * that is not JSON are refused with an `InputError` naming `where` (the file).
 *
 * @example
 * parseJsonText('{"rounds": 3}', 'search.json'); // { rounds: 3 }
 */
export function parseJsonText(text: string, where: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const depth = nestingDepth(body);
  if (depth > maxJsonDepth) throw new InputError(`${where}: nested ${depth} levels deep; at most ${maxJsonDepth} are allowed`);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new InputError(`${where}: not JSON (${(error as Error).message})`);
  }
  checkKeys(json, where, '');
  return json;
}

/**
 * Reads and parses a JSON file (see `parseJsonText`); a missing file, a directory or an
 * unreadable one is an `InputError` naming the path and `what` it should have been.
 *
 * @example
 * readJsonFile('search.json', 'the config file');
 */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw new InputError(`${path}: is a directory, but ${what} is a file`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read ${what} (${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)})`);
  }
  return parseJsonText(text, path);
}
