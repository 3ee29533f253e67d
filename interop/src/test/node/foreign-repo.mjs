// Writes a TUF repository made by the tuf-js project's own tooling into a directory, laid out as Updraft's
// repositories are (metadata/ and targets/), for Updraft's verifier to read.
//
//   node foreign-repo.mjs repo-mock OUT_DIR   @tufjs/repo-mock's repository, byte for byte as it serves it
//   node foreign-repo.mjs models OUT_DIR      a richer one signed through @tufjs/models: Ed25519 and ECDSA keys,
//                                             a delegation per product, consistent snapshots, a root rotation
//
// Prints one JSON line: the target path, its length and sha256, so the caller can check what it verified.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { canonicalize } from '@tufjs/canonical-json';
import { Metadata, Signature } from '@tufjs/models';
import { initializeTUFRepo } from '@tufjs/repo-mock';

const TARGET = 'robot/robot-1.0.0.updraft';
const CONTENT = Buffer.from('robot firmware 1.0.0 from another TUF implementation\n');

const [mode, outDir] = process.argv.slice(2);
if (!['repo-mock', 'models'].includes(mode) || !outDir) {
  console.error('usage: node foreign-repo.mjs repo-mock|models OUT_DIR');
  process.exit(2);
}
const metadataDir = path.join(outDir, 'metadata');
fs.mkdirSync(metadataDir, { recursive: true });

function writeMetadata(name, metadata) {
  fs.writeFileSync(path.join(metadataDir, name), JSON.stringify(metadata.toJSON()));
}

function writeTarget(name, content) {
  const file = path.join(outDir, 'targets', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');

function repoMock() {
  const repo = initializeTUFRepo([{ name: TARGET, content: CONTENT }]);
  // The file names repo-mock's HTTP handlers answer under; 2.root.json is absent (it answers 404).
  writeMetadata('1.root.json', repo.rootMeta);
  writeMetadata('root.json', repo.rootMeta);
  writeMetadata('timestamp.json', repo.timestampMeta);
  writeMetadata('snapshot.json', repo.snapshotMeta);
  writeMetadata('targets.json', repo.targetsMeta);
  writeTarget(TARGET, CONTENT);
}

// A key as the spec computes its id: SHA-256 of the canonical JSON of {keytype, scheme, keyval}.
function newKey(kind) {
  const pair = kind === 'ed25519'
    ? crypto.generateKeyPairSync('ed25519')
    : crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pub = kind === 'ed25519'
    ? pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex')
    : pair.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const json = kind === 'ed25519'
    ? { keytype: 'ed25519', scheme: 'ed25519', keyval: { public: pub } }
    : { keytype: 'ecdsa', scheme: 'ecdsa-sha2-nistp256', keyval: { public: pub } };
  const keyid = sha256(canonicalize(json));
  const sign = (bytes) => new Signature({
    keyID: keyid,
    sig: crypto.sign(kind === 'ed25519' ? null : 'sha256', bytes, pair.privateKey).toString('hex'),
  });
  return { keyid, json, sign };
}

function signed(type, body, signers) {
  const metadata = Metadata.fromJSON(type, { signed: { _type: type, ...body }, signatures: [] });
  signers.forEach((key) => metadata.sign(key.sign));
  return metadata;
}

function metaFile(version, metadata) {
  const bytes = Buffer.from(JSON.stringify(metadata.toJSON()));
  return { version, length: bytes.length, hashes: { sha256: sha256(bytes) } };
}

function models() {
  const spec = '1.0.31';
  // Whole seconds are what the spec shows; a year ahead keeps the repository valid on any test date.
  const expires = new Date(Date.now() + 365 * 86400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const oldRoot = newKey('ecdsa');
  const newRoot = newKey('ed25519');
  const timestamp = newKey('ed25519');
  const snapshot = newKey('ecdsa');
  const targets = newKey('ed25519');
  const robot = newKey('ecdsa');

  const rootBody = (version, rootKey) => ({
    spec_version: spec, version, expires, consistent_snapshot: true,
    keys: Object.fromEntries([rootKey, timestamp, snapshot, targets].map((k) => [k.keyid, k.json])),
    roles: {
      root: { keyids: [rootKey.keyid], threshold: 1 },
      timestamp: { keyids: [timestamp.keyid], threshold: 1 },
      snapshot: { keyids: [snapshot.keyid], threshold: 1 },
      targets: { keyids: [targets.keyid], threshold: 1 },
    },
  });
  const root1 = signed('root', rootBody(1, oldRoot), [oldRoot]);
  // Rotation: version 2 is signed by the old root key (trusted) and the new one (its own threshold).
  const root2 = signed('root', rootBody(2, newRoot), [oldRoot, newRoot]);

  const robotTargets = signed('targets', {
    spec_version: spec, version: 1, expires,
    targets: {
      [TARGET]: {
        length: CONTENT.length,
        hashes: { sha256: sha256(CONTENT), sha512: crypto.createHash('sha512').update(CONTENT).digest('hex') },
        custom: { component: 'robot', version: '1.0.0', products: ['robot'] },
      },
    },
  }, [robot]);
  const topTargets = signed('targets', {
    spec_version: spec, version: 1, expires, targets: {},
    delegations: {
      keys: { [robot.keyid]: robot.json },
      roles: [{ name: 'robot', keyids: [robot.keyid], threshold: 1, terminating: true, paths: ['robot/*'] }],
    },
  }, [targets]);
  const snap = signed('snapshot', {
    spec_version: spec, version: 1, expires,
    meta: { 'targets.json': { version: 1 }, 'robot.json': { version: 1 } },
  }, [snapshot]);
  const stamp = signed('timestamp', {
    spec_version: spec, version: 1, expires, meta: { 'snapshot.json': metaFile(1, snap) },
  }, [timestamp]);

  // Models' own check that each role is signed as its delegator says, before anyone else reads it.
  root1.verifyDelegate('root', root2);
  root2.verifyDelegate('root', root2);
  root2.verifyDelegate('snapshot', snap);
  root2.verifyDelegate('timestamp', stamp);
  root2.verifyDelegate('targets', topTargets);
  topTargets.verifyDelegate('robot', robotTargets);

  writeMetadata('1.root.json', root1);
  writeMetadata('2.root.json', root2);
  writeMetadata('root.json', root2);
  writeMetadata('timestamp.json', stamp);
  writeMetadata('1.snapshot.json', snap);
  writeMetadata('1.targets.json', topTargets);
  writeMetadata('1.robot.json', robotTargets);
  writeTarget(`robot/${sha256(CONTENT)}.robot-1.0.0.updraft`, CONTENT);
}

if (mode === 'repo-mock') {
  repoMock();
} else {
  models();
}
console.log(JSON.stringify({ path: TARGET, length: CONTENT.length, sha256: sha256(CONTENT) }));
