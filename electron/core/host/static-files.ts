/** Resolves a request path inside a root folder, refusing anything that escapes it. */
import fs from 'node:fs/promises';
import path from 'node:path';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

type PathApi = Pick<typeof path, 'resolve' | 'sep'>;

/**
 * Lexical guard: decodes the URL path once and refuses NUL, backslashes and
 * drive letters (separators or roots on Windows) and anything that resolves
 * outside `root`. `pathApi` lets tests check Windows semantics on Linux.
 */
export function resolveInside(root: string, requestPath: string, pathApi: PathApi = path): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split(/[?#]/)[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.includes(':')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = pathApi.resolve(root);
  const resolved = pathApi.resolve(base, relative);
  return resolved.startsWith(base + pathApi.sep) ? resolved : null;
}

/**
 * The lexical guard plus the file system's view: a symlink inside the root
 * that points outside it is refused too.
 */
export async function resolveRealFileInside(root: string, requestPath: string): Promise<string | null> {
  const file = resolveInside(root, requestPath);
  if (!file) return null;
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
    return realFile.startsWith(realRoot + path.sep) ? realFile : null;
  } catch {
    return null;
  }
}
