#!/usr/bin/env node
// Fetches Amazon's DynamoDB Local into a git-ignored cache at install time.
//
// The jar is carried by the npm package `amplify-dynamodb-simulator` in `package/emulator/`.
// We take only that folder (installing the package would pull 347 MB of dependencies), and we
// never commit it: its licence forbids redistribution. Nothing is downloaded at run time.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'amplify-dynamodb-simulator';
const VERSION = '2.9.30';
// SHA-256 of the DynamoDBLocal.jar that this package version carries (the package's own
// `sha256` file is the checksum of the upstream archive, not of the jar).
const JAR_SHA256 = '454305e9bc3e6ebcca5b62569869e31563b8d7e346474e94557b2600702146c7';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const target = join(root, '.cache', 'dynamodb-local');
const marker = join(target, 'VERSION');

if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === VERSION) {
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'dynamodb-local-'));
try {
  const tarball = execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--silent', '--pack-destination', work], {
    cwd: work,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .pop();
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, 'package/emulator'], { stdio: 'inherit' });
  const emulator = join(work, 'package', 'emulator');
  verifyChecksum(emulator);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  renameSync(emulator, target);
  writeFileSync(marker, `${VERSION}\n`);
  console.log(`DynamoDB Local (from ${PACKAGE}@${VERSION}) is in ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function verifyChecksum(emulator) {
  const expected = JAR_SHA256;
  const actual = createHash('sha256')
    .update(readFileSync(join(emulator, 'DynamoDBLocal.jar')))
    .digest('hex');
  if (actual !== expected) {
    throw new Error(`DynamoDBLocal.jar checksum mismatch: expected ${expected}, got ${actual}`);
  }
}
