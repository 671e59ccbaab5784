// The API's self-signed certificate, made with Node's crypto alone at each start.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLocalCertificate } from '../../../src/tls/certificate.ts';

describe('createLocalCertificate', () => {
  const certificate = createLocalCertificate({ now: new Date('2026-03-01T12:00:00Z') });
  const x509 = new X509Certificate(certificate.certificatePem);

  it('names localhost, 127.0.0.1 and ::1 as its subject alternative names', () => {
    expect(x509.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkIP('::1')).toBe('::1');
    expect(x509.checkHost('example.com')).toBeUndefined();
    expect(x509.checkIP('10.0.0.1')).toBeUndefined();
  });

  it('is self-signed by its own key, a server certificate and no CA', () => {
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.subject).toContain('CN=localhost');
    expect(x509.ca).toBe(false);
    expect(x509.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // extended key usage: serverAuth
    expect(x509.publicKey.asymmetricKeyType).toBe('ec');
    expect(x509.checkPrivateKey(createPrivateKey(certificate.privateKeyPem))).toBe(true);
  });

  it('is valid from an hour before it was made, for 30 days', () => {
    expect(new Date(x509.validFrom).toISOString()).toBe('2026-03-01T11:00:00.000Z');
    expect(new Date(x509.validTo).toISOString()).toBe('2026-03-31T12:00:00.000Z');
    expect(certificate.validTo.toISOString()).toBe('2026-03-31T12:00:00.000Z');
    expect(certificate.fingerprint256).toBe(x509.fingerprint256);
  });

  it('has a new key and serial number each time', () => {
    const other = new X509Certificate(createLocalCertificate().certificatePem);
    expect(other.serialNumber).not.toBe(x509.serialNumber);
    expect(other.publicKey.export({ type: 'spki', format: 'pem' })).not.toBe(
      x509.publicKey.export({ type: 'spki', format: 'pem' }),
    );
  });

  it('encodes dates from 2050 on as GeneralizedTime', () => {
    const late = new X509Certificate(createLocalCertificate({ now: new Date('2049-12-20T00:00:00Z') }).certificatePem);
    expect(new Date(late.validTo).toISOString()).toBe('2050-01-19T00:00:00.000Z');
  });
});
