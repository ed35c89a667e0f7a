/**
 * Checks a downloaded update against its detached signature before it may be
 * installed: finds the artifact's URL in the update info, fetches
 * `<artifact URL>.sig` from the feed and verifies the file on disk. Where the
 * signature comes from does not matter (the feed is untrusted by design);
 * only the public key built into the app decides.
 */
import type { KeyObject } from 'node:crypto';
import path from 'node:path';
import { SIGNATURE_SUFFIX, verifyUpdateFile, type SignatureCheck } from './update-signature.js';

/** The part of electron-updater's `update-downloaded` event this needs. */
export interface DownloadedUpdate {
  version: string;
  downloadedFile: string;
  files?: readonly { url: string }[];
}

export type FetchSignature = (url: string) => Promise<string>;

export interface DownloadVerifierDeps {
  publicKey: KeyObject;
  /** The generic feed's base URL (electron-builder.yml `publish.url`); file URLs in the update info are relative to it. */
  feedUrl: string;
  fetchSignature: FetchSignature;
}

export type VerifyDownload = (update: DownloadedUpdate) => Promise<SignatureCheck>;

/** URL of the `.sig` of the artifact electron-updater saved as `downloadedFile`. */
export function signatureUrl(update: DownloadedUpdate, feedUrl: string): string {
  const base = feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/`;
  const name = path.basename(update.downloadedFile);
  const artifact = (update.files ?? [])
    .map((file) => new URL(file.url, base))
    .find((url) => path.posix.basename(decodeURIComponent(url.pathname)) === name);
  if (!artifact) throw new Error(`the update info lists no file named ${name}`);
  artifact.pathname += SIGNATURE_SUFFIX;
  return artifact.href;
}

export function createDownloadVerifier({ publicKey, feedUrl, fetchSignature }: DownloadVerifierDeps): VerifyDownload {
  return async (update) => {
    let url: string;
    let text: string;
    try {
      url = signatureUrl(update, feedUrl);
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
    try {
      text = await fetchSignature(url);
    } catch (error) {
      return { ok: false, reason: `no signature at ${url}: ${(error as Error).message}` };
    }
    try {
      return await verifyUpdateFile(update.downloadedFile, text, publicKey);
    } catch (error) {
      return { ok: false, reason: `could not read the downloaded file: ${(error as Error).message}` };
    }
  };
}

const MAX_SIGNATURE_BYTES = 4096;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Fetches a `.sig` file: HTTPS only (plain HTTP on loopback, for a local test feed), small, within a time limit. */
export async function fetchSignatureText(url: string, timeoutMs = 30_000): Promise<string> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname))) {
    throw new Error(`refusing to fetch a signature over ${parsed.protocol}`);
  }
  const response = await fetch(parsed, { signal: AbortSignal.timeout(timeoutMs) });
  // A CDN may redirect, but not down to plain HTTP.
  if (response.redirected && new URL(response.url).protocol !== parsed.protocol) throw new Error(`redirected to ${new URL(response.url).protocol}`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_SIGNATURE_BYTES) throw new Error(`the signature file is ${body.length} bytes, more than ${MAX_SIGNATURE_BYTES}`);
  return body.toString('utf8');
}
