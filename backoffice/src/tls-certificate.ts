import { createHash, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto'
import { isIP } from 'node:net'

// Just enough DER (X.690) to write one self-signed X.509 v3 certificate.
function der(tag: number, content: Buffer): Buffer {
  const length = content.length
  const head =
    length < 0x80
      ? Buffer.from([tag, length])
      : length < 0x100
        ? Buffer.from([tag, 0x81, length])
        : Buffer.from([tag, 0x82, length >> 8, length & 0xff])
  return Buffer.concat([head, content])
}
const sequence = (...parts: Buffer[]) => der(0x30, Buffer.concat(parts))
const set = (...parts: Buffer[]) => der(0x31, Buffer.concat(parts))
const utf8 = (text: string) => der(0x0c, Buffer.from(text, 'utf8'))
const octets = (content: Buffer) => der(0x04, content)
const bits = (content: Buffer) => der(0x03, Buffer.concat([Buffer.from([0]), content]))
const explicit = (number: number, content: Buffer) => der(0xa0 + number, content)
function integer(bytes: Buffer): Buffer {
  const positive = bytes[0] !== undefined && bytes[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes
  return der(0x02, positive)
}
function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number)
  const bytes = [first * 40 + second]
  for (const value of rest) {
    const groups = [value & 0x7f]
    for (let v = value >> 7; v > 0; v >>= 7) groups.unshift((v & 0x7f) | 0x80)
    bytes.push(...groups)
  }
  return der(0x06, Buffer.from(bytes))
}
function time(at: Date): Buffer {
  const iso = at.toISOString().replace(/[-:T]/g, '').slice(0, 14) // YYYYMMDDHHMMSS
  return at.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(`${iso.slice(2)}Z`)) : der(0x18, Buffer.from(`${iso}Z`))
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'))

/** IPv4 addresses and DNS names (IPv6 literals are left out: the pin, not the name, is what is checked). */
function subjectAltNames(names: readonly string[]): Buffer {
  return sequence(
    ...names
      .filter((name) => isIP(name) !== 6)
      .map((name) => {
        if (isIP(name) === 4) return der(0x87, Buffer.from(name.split('.').map(Number)))
        return der(0x82, Buffer.from(name, 'ascii'))
      }),
  )
}

export interface TlsIdentity {
  keyPem: string
  certPem: string
  /** SHA-256 of the certificate's DER, base64url: what the terminal pins. */
  fingerprint: string
}

/** The pin of a certificate: SHA-256 of its DER bytes, base64url (43 characters). */
export function certificateFingerprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('base64url')
}

/**
 * A self-signed certificate for the back office's HTTPS (ECDSA P-256, ten years), naming the
 * addresses it serves. Terminals do not trust it because of who signed it but because its
 * fingerprint came with their enrolment code (docs/security.md §6), so no CA is involved.
 */
export function createSelfSignedCertificate(options: {
  commonName: string
  names: readonly string[]
  now?: number
}): TlsIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const name = sequence(set(sequence(oid('2.5.4.3'), utf8(options.commonName))))
  const from = new Date((options.now ?? Date.now()) - 3600_000)
  const until = new Date(from.getTime() + 10 * 365 * 24 * 3600_000)
  const extensions = sequence(
    sequence(oid('2.5.29.19'), der(0x01, Buffer.from([0xff])), octets(sequence(der(0x01, Buffer.from([0xff]))))),
    sequence(oid('2.5.29.17'), octets(subjectAltNames(options.names))),
  )
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])),
    ECDSA_WITH_SHA256,
    name,
    sequence(time(from), time(until)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  )
  const signature = sign('sha256', tbs, privateKey)
  const certificate = sequence(tbs, ECDSA_WITH_SHA256, bits(signature))
  const certPem = `-----BEGIN CERTIFICATE-----\n${certificate
    .toString('base64')
    .match(/.{1,64}/g)
    ?.join('\n')}\n-----END CERTIFICATE-----\n`
  new X509Certificate(certPem) // throws if anything above is malformed
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    certPem,
    fingerprint: certificateFingerprint(certificate),
  }
}
