import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

describe('skewtune --version', () => {
  it('prints the package version, the commit checked out, Node and the kernel backend, and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const result = await cli(['--version']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`skewtune ${version} (commit ${head.slice(0, 12)}, node ${process.version}, kernels ${result.stdout.match(/kernels (\S+)\)/)?.[1]})\n`);
    expect(result.stdout).toMatch(/kernels [\w-]+\)\n$/);
  });
});
