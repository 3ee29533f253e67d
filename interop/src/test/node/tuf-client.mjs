// The tuf-js client (another TUF implementation) run against a repository served over HTTP: refresh with a given
// trusted root, look up a target, download and check it.
//
//   node tuf-client.mjs METADATA_URL TARGETS_URL TRUSTED_ROOT CACHE_DIR TARGET_PATH
//
// CACHE_DIR keeps tuf-js's trusted metadata between runs (metadata/) and the downloaded target (targets/); the
// trusted root is copied in on the first run. Prints one JSON line; exit 0 when every step was accepted, 1 with
// the error tuf-js raised otherwise.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Updater } from 'tuf-js';

const [metadataBaseUrl, targetBaseUrl, trustedRoot, cacheDir, targetPath] = process.argv.slice(2);
if (!targetPath) {
  console.error('usage: node tuf-client.mjs METADATA_URL TARGETS_URL TRUSTED_ROOT CACHE_DIR TARGET_PATH');
  process.exit(2);
}
const metadataDir = path.join(cacheDir, 'metadata');
const targetDir = path.join(cacheDir, 'targets');
fs.mkdirSync(metadataDir, { recursive: true });
fs.mkdirSync(targetDir, { recursive: true });
if (!fs.existsSync(path.join(metadataDir, 'root.json'))) {
  fs.copyFileSync(trustedRoot, path.join(metadataDir, 'root.json'));
}

const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');
let step = 'refresh';
try {
  // No retries and a short timeout: the repository is on loopback, and a refusal must be reported at once.
  const updater = new Updater({
    metadataBaseUrl, targetBaseUrl, metadataDir, targetDir, config: { fetchRetry: 0, fetchTimeout: 10000 },
  });
  await updater.refresh();
  step = 'getTargetInfo';
  const info = await updater.getTargetInfo(targetPath);
  if (!info) {
    throw Object.assign(new Error(`no trusted role lists target ${targetPath}`), { name: 'TargetNotFound' });
  }
  step = 'downloadTarget';
  const file = await updater.downloadTarget(info);
  const content = fs.readFileSync(file);
  const root = JSON.parse(fs.readFileSync(path.join(metadataDir, 'root.json'), 'utf8'));
  console.log(JSON.stringify({
    ok: true,
    rootVersion: root.signed.version,
    target: { path: info.path, length: info.length, hashes: info.hashes, custom: info.custom ?? null },
    downloaded: { length: content.length, sha256: sha256(content) },
  }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, step, error: error.constructor.name, message: String(error.message) }));
  process.exit(1);
}
