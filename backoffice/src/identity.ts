import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  X509Certificate,
} from 'node:crypto'
import type { BackofficeStore } from './store/types.ts'
import { certificateFingerprint, createSelfSignedCertificate, type TlsIdentity } from './tls-certificate.ts'

/**
 * What the back office is, made on its first run and kept in `meta`: the TLS certificate the
 * terminals pin, and the Ed25519 key that signs its KHQR verdicts, so a forged "paid" is refused
 * even by a terminal whose TLS were broken (docs/security.md §6).
 */
export interface BackofficeIdentity {
  tls: TlsIdentity
  /** The verdict key's public half, SPKI DER base64url: the terminal keeps it at enrolment. */
  verdictPublicKey: string
  /** Signs a verdict (UTF-8 text): base64url Ed25519. */
  signVerdict(text: string): string
}

async function metaValue(store: BackofficeStore, key: string, make: () => string): Promise<string> {
  const existing = await store.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key])
  if (existing) return existing.value
  await store.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, make()])
  const row = await store.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key])
  return row?.value ?? ''
}

/** A certificate the owner brings (from their own CA or a public one) instead of the one made here. */
export interface OwnCertificate {
  certPem: string
  keyPem: string
}

/** The owner's certificate, checked before anything is served: it parses, is current, and the key is its own. */
function checkedOwnCertificate(own: OwnCertificate, now: number): TlsIdentity {
  let certificate: X509Certificate
  try {
    certificate = new X509Certificate(own.certPem)
  } catch (error) {
    throw new Error(`The TLS certificate file is not a PEM certificate: ${(error as Error).message}`)
  }
  let key: KeyObject
  try {
    key = createPrivateKey(own.keyPem)
  } catch (error) {
    throw new Error(`The TLS key file is not a PEM private key: ${(error as Error).message}`)
  }
  if (!certificate.checkPrivateKey(key)) throw new Error('The TLS key is not the key of that certificate.')
  if (Date.parse(certificate.validTo) <= now)
    throw new Error(`The TLS certificate ran out on ${certificate.validTo}; renew it.`)
  if (Date.parse(certificate.validFrom) > now)
    throw new Error(`The TLS certificate is valid only from ${certificate.validFrom}.`)
  // Terminals pin the certificate this server presents: the first (leaf) one of the file.
  return { keyPem: own.keyPem, certPem: own.certPem, fingerprint: certificateFingerprint(certificate.raw) }
}

export async function loadIdentity(
  store: BackofficeStore,
  options: { names: readonly string[]; now: number; ownCertificate?: OwnCertificate },
): Promise<BackofficeIdentity> {
  const own = options.ownCertificate ? checkedOwnCertificate(options.ownCertificate, options.now) : null
  const tlsJson = await metaValue(store, 'tls_identity', () => {
    const made = createSelfSignedCertificate({
      commonName: 'KHQR POS back office',
      names: options.names,
      now: options.now,
    })
    return JSON.stringify({ keyPem: made.keyPem, certPem: made.certPem })
  })
  const { keyPem, certPem } = JSON.parse(tlsJson) as { keyPem: string; certPem: string }
  const verdictPem = await metaValue(
    store,
    'verdict_key',
    () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  )
  const verdictKey: KeyObject = createPrivateKey(verdictPem)
  return {
    tls: own ?? { keyPem, certPem, fingerprint: certificateFingerprint(new X509Certificate(certPem).raw) },
    verdictPublicKey: (createPublicKey(verdictKey).export({ type: 'spki', format: 'der' }) as Buffer).toString(
      'base64url',
    ),
    signVerdict: (text) => sign(null, Buffer.from(text, 'utf8'), verdictKey).toString('base64url'),
  }
}
