// A self-signed certificate for the local API's TLS listener, made fresh at each start with
// Node's crypto alone (no openssl, nothing downloaded, nothing kept): an ECDSA P-256 key and an
// X.509 v3 certificate for the local names, which clients trust explicitly (its PEM is in
// amplify_outputs.json).
import { createHash, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  generalName,
  namedBits,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der.ts';

/** The names a client on this machine uses for the API. */
export const LOCAL_HOSTS = ['localhost', '127.0.0.1', '::1'] as const;

export interface LocalCertificate {
  /** The certificate (public): what clients trust. */
  readonly certificatePem: string;
  /** The private key; it stays in this process. */
  readonly privateKeyPem: string;
  /** SHA-256 of the certificate's DER, as `AA:BB:…`. */
  readonly fingerprint256: string;
  readonly validTo: Date;
}

export interface LocalCertificateOptions {
  hosts?: readonly string[];
  commonName?: string;
  validForDays?: number;
  now?: Date;
}

const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organizationName: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

/** The KeyUsage bit a TLS server's ECDSA key needs (RFC 5280 4.2.1.3). */
const DIGITAL_SIGNATURE = 0;

/** Clocks of clients may run a little behind. */
const BACKDATE_MS = 60 * 60 * 1000;

export function createLocalCertificate(options: LocalCertificateOptions = {}): LocalCertificate {
  const hosts = options.hosts ?? LOCAL_HOSTS;
  const now = options.now ?? new Date();
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const notAfter = new Date(now.getTime() + (options.validForDays ?? 30) * 86_400_000);
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const name = sequence(
    set(sequence(objectIdentifier(OID.organizationName), utf8String('AppSync Commerce local stack'))),
    set(sequence(objectIdentifier(OID.commonName), utf8String(options.commonName ?? hosts[0] ?? 'localhost'))),
  );
  const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;

  const tbsCertificate = sequence(
    explicit(0, smallInteger(2)), // v3
    unsignedInteger(serial),
    signatureAlgorithm,
    name, // issuer: itself
    sequence(time(notBefore), time(notAfter)),
    name,
    spki,
    explicit(
      3,
      sequence(
        // A server's certificate, not a CA's (some TLS stacks refuse a CA certificate as a
        // server's); trusted as it is, it is its own anchor.
        extension(OID.basicConstraints, true, sequence()),
        extension(OID.keyUsage, true, namedBits([DIGITAL_SIGNATURE])),
        extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))),
        extension(OID.subjectAltName, false, sequence(...hosts.map(generalName))),
        extension(OID.subjectKeyIdentifier, false, octetString(createHash('sha1').update(publicKeyBits(spki)).digest())),
      ),
    ),
  );
  const signature = sign('sha256', tbsCertificate, { key: privateKey, dsaEncoding: 'der' });
  const der = sequence(tbsCertificate, signatureAlgorithm, bitString(signature));
  const certificatePem = toPem('CERTIFICATE', der);
  const x509 = new X509Certificate(certificatePem);
  return {
    certificatePem,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    fingerprint256: x509.fingerprint256,
    validTo: notAfter,
  };
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** The subjectPublicKey BIT STRING's bytes of a SubjectPublicKeyInfo: for P-256, its last 65 bytes. */
function publicKeyBits(spki: Buffer): Buffer {
  return spki.subarray(spki.length - 65);
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
