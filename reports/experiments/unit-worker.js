// The entry of an experiment's worker thread (./parallel.ts). Worker threads do not inherit
// the main thread's TypeScript loader, so this plain-JS file registers tsx, then runs the
// named export of the named module on one item.
import { register } from 'tsx/esm/api';

register();

/** Runs `module`'s export `name` on `item`; modules load once per thread. */
export default async function runUnit({ module, name, item }) {
  const loaded = await import(module);
  return loaded[name](item);
}
