/** GET /downloads/<token>: hands an export to the page once, then removes it. */
import fs from 'node:fs';
import type http from 'node:http';
import { attachmentHeader, DOWNLOAD_PREFIX, type DownloadFolder } from './download-folder.js';

/** True when the request was a download (answered here, found or not). */
export function serveDownload(
  downloads: DownloadFolder,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  headers: Record<string, string>,
): boolean {
  const url = request.url ?? '/';
  if (!url.startsWith(DOWNLOAD_PREFIX)) return false;
  const entry = request.method === 'GET' ? downloads.take(url) : null;
  if (!entry) {
    response.writeHead(404, headers).end('not found');
    return true;
  }
  response.writeHead(200, {
    ...headers,
    'content-type': entry.contentType,
    'content-disposition': attachmentHeader(entry.fileName),
    'cache-control': 'no-store',
  });
  const stream = fs.createReadStream(entry.file);
  stream.pipe(response);
  const remove = () => void fs.promises.rm(entry.file, { force: true });
  stream.once('error', () => {
    response.destroy();
    remove();
  });
  response.once('close', remove);
  return true;
}
