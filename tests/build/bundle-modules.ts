/** Which modules a built bundle asks the runtime for: its imports and its require() calls. */
import { build } from 'esbuild';
import fs from 'node:fs';
import { builtinModules } from 'node:module';

export const isNodeBuiltin = (name: string): boolean => builtinModules.includes(name.replace(/^node:/, ''));

/**
 * Import statements and import() calls, as esbuild parses the file (so text in strings or
 * comments does not count), plus every require()/__require() call: a call whose argument is not
 * a string literal is reported as `<dynamic …>`, because nobody can say what it loads.
 * A call written inside brackets is advice quoted in an error message (the AWS SDK says
 * "register the package by calling [require("@aws-sdk/signature-v4-crt");]"), not a call.
 */
export async function requestedModules(file: string): Promise<string[]> {
  const result = await build({ entryPoints: [file], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
  const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.filter((entry) => entry.external).map((entry) => entry.path));
  const source = fs.readFileSync(file, 'utf8');
  const requires = [...source.matchAll(/(?<!\[)\b(?:__)?require\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\)/g)].map(
    ([, double, single, other]) => double ?? single ?? `<dynamic require(${other})>`,
  );
  return [...new Set([...imports, ...requires])].sort();
}
