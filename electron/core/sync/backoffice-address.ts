/**
 * The back office's address as the terminal is given it: `https://host:port/#pin=<sha256>`, the
 * pin being the SHA-256 of the back office's own certificate (base64url), which the terminal then
 * requires on every connection. Plain `http://` is only for this machine (a back office or a TLS
 * proxy on 127.0.0.1), where nobody on the LAN can stand in the middle.
 */
export interface BackofficeAddress {
  /** `https://host:port` (no trailing slash, no fragment): what paths are joined to. */
  base: string
  /** The certificate pin, or null for plain loopback HTTP or a certificate a public CA signed. */
  pin: string | null
}

export class BackofficeAddressError extends Error {
  readonly code: 'backoffice_address_invalid' | 'backoffice_insecure'
  constructor(code: BackofficeAddressError['code'], message: string) {
    super(message)
    this.name = 'BackofficeAddressError'
    this.code = code
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])
const PIN = /^[A-Za-z0-9_-]{43}$/

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname.toLowerCase())
}

export function parseBackofficeAddress(text: string): BackofficeAddress {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw new BackofficeAddressError('backoffice_address_invalid', `"${text.slice(0, 80)}" is not a web address.`)
  }
  const pin = new URLSearchParams(url.hash.slice(1)).get('pin')
  if (pin !== null && !PIN.test(pin))
    throw new BackofficeAddressError(
      'backoffice_address_invalid',
      'The certificate pin in the address is not complete.',
    )
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname))
      throw new BackofficeAddressError(
        'backoffice_insecure',
        'A back office on the network must be reached over https:// with its certificate pin; plain http:// is for this machine only.',
      )
  } else if (url.protocol !== 'https:')
    throw new BackofficeAddressError('backoffice_address_invalid', 'The back office address starts with https://.')
  if (url.username || url.password)
    throw new BackofficeAddressError(
      'backoffice_address_invalid',
      'The address must not carry a user name or password.',
    )
  const path = url.pathname.replace(/\/+$/, '')
  return { base: `${url.protocol}//${url.host}${path}`, pin: url.protocol === 'https:' ? pin : null }
}
