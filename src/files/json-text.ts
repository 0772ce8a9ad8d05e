import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../errors.ts';
import { checkRegularFile } from './regular-file.ts';

/** Deeper than this, a JSON input is refused before anything recursive walks it (a config is a handful of levels). */
export const maxJsonDepth = 64;

// Keys that would reach an object's prototype when copied, instead of being data (a `when` of "__proto__" was once dropped silently).
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * One pass over the text, before JSON.parse: how deep it nests, and the first key repeated within
 * one object (JSON.parse keeps the last silently, so `{"dataset": "a.csv", "dataset": "mnist"}`
 * searched mnist).
 */
function scan(text: string): { depth: number; repeated?: string } {
  // One entry per open bracket: the keys seen so far of an object, null for an array.
  const open: (Set<string> | null)[] = [];
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      let next = i + 1;
      while (/\s/.test(text[next] ?? '')) next++;
      const keys = open.at(-1);
      if (keys && text[next] === ':') {
        let key: string;
        try {
          key = JSON.parse(text.slice(start, i + 1)) as string;
        } catch {
          continue; // not JSON: JSON.parse says so
        }
        if (keys.has(key)) return { depth: deepest, repeated: key };
        keys.add(key);
      }
    } else if (c === '{' || c === '[') {
      open.push(c === '{' ? new Set() : null);
      deepest = Math.max(deepest, open.length);
    } else if (c === '}' || c === ']') open.pop();
  }
  return { depth: deepest };
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
 * mark is skipped; nesting deeper than `maxJsonDepth`, a key repeated within an object, keys
 * such as `__proto__`, and text that is not JSON are refused with an `InputError` naming `where` (the file).
 *
 * @example
 * parseJsonText('{"rounds": 3}', 'search.json'); // { rounds: 3 }
 */
export function parseJsonText(text: string, where: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { depth, repeated } = scan(body);
  if (depth > maxJsonDepth) throw new InputError(`${where}: nested ${depth} levels deep; at most ${maxJsonDepth} are allowed`);
  if (repeated !== undefined) throw new InputError(`${where}: the key ${JSON.stringify(repeated)} appears twice in one object`);
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
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError(`${path}: is a directory, but ${what} is a file`);
    checkRegularFile(path, stat, `, but ${what} is a file`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read ${what} (${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)})`);
  }
  return parseJsonText(text, path);
}
