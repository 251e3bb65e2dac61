/**
 * Which network addresses an outbound webhook may never reach: loopback, private, link-local (the cloud metadata
 * service lives at 169.254.169.254), shared, documentation, multicast and reserved ranges, for IPv4 and IPv6
 * (including IPv6 forms that embed an IPv4 address). Pure: parses the text itself, no DNS, no sockets.
 */

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'metadata' | 'reserved'

type Range4 = { base: number; bits: number; kind: Exclude<AddressClass, 'public'> }

const v4 = (text: string): number | null => {
  const parts = text.split('.')
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255 || (p.length > 1 && p.startsWith('0')))) return null
  return parts.reduce((n, p) => n * 256 + Number(p), 0)
}

const cidr4 = (text: string, kind: Range4['kind']): Range4 => {
  const [base, bits] = text.split('/')
  return { base: v4(base)!, bits: Number(bits), kind }
}

const RANGES_4: readonly Range4[] = [
  cidr4('169.254.169.254/32', 'metadata'),
  cidr4('0.0.0.0/8', 'reserved'),
  cidr4('10.0.0.0/8', 'private'),
  cidr4('100.64.0.0/10', 'private'), // carrier-grade NAT
  cidr4('127.0.0.0/8', 'loopback'),
  cidr4('169.254.0.0/16', 'link-local'),
  cidr4('172.16.0.0/12', 'private'),
  cidr4('192.0.0.0/24', 'reserved'),
  cidr4('192.0.2.0/24', 'reserved'),
  cidr4('192.88.99.0/24', 'reserved'),
  cidr4('192.168.0.0/16', 'private'),
  cidr4('198.18.0.0/15', 'reserved'),
  cidr4('198.51.100.0/24', 'reserved'),
  cidr4('203.0.113.0/24', 'reserved'),
  cidr4('224.0.0.0/4', 'reserved'), // multicast
  cidr4('240.0.0.0/4', 'reserved'), // and 255.255.255.255
]

const inRange4 = (n: number, r: Range4) => Math.floor(n / 2 ** (32 - r.bits)) === Math.floor(r.base / 2 ** (32 - r.bits))

function classify4(n: number): AddressClass {
  return RANGES_4.find((r) => inRange4(n, r))?.kind ?? 'public'
}

/** Eight 16-bit groups, or null when the text is not an IPv6 address. */
function v6(text: string): number[] | null {
  let s = text.toLowerCase()
  const zone = s.indexOf('%')
  if (zone !== -1) s = s.slice(0, zone)
  // a trailing dotted IPv4 part (::ffff:10.0.0.1) is two groups written differently
  const lastColon = s.lastIndexOf(':')
  if (lastColon !== -1 && s.slice(lastColon + 1).includes('.')) {
    const n = v4(s.slice(lastColon + 1))
    if (n === null) return null
    s = `${s.slice(0, lastColon + 1)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`
  }
  const halves = s.split('::')
  if (halves.length > 2) return null
  const groups = (h: string) => (h === '' ? [] : h.split(':'))
  const head = groups(halves[0])
  const rest = halves.length === 2 ? groups(halves[1]) : []
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null
  const known = head.length + rest.length
  if (halves.length === 1 ? known !== 8 : known > 7) return null
  const fill: number[] = halves.length === 2 ? Array(8 - known).fill(0) : []
  const hex = (list: string[]) => list.map((g) => parseInt(g, 16))
  return [...hex(head), ...fill, ...hex(rest)]
}

function classify6(g: number[]): AddressClass {
  const embedded4 = (hi: number, lo: number) => classify4(hi * 65536 + lo)
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0)
  if (zeros(0, 8)) return 'reserved' // ::
  if (zeros(0, 7) && g[7] === 1) return 'loopback' // ::1
  if (zeros(0, 5) && g[5] === 0xffff) return embedded4(g[6], g[7]) // ::ffff:a.b.c.d
  if (zeros(0, 6)) return embedded4(g[6], g[7]) // ::a.b.c.d (deprecated IPv4-compatible)
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return embedded4(g[6], g[7]) // NAT64
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'reserved' // local-use NAT64
  if (g[0] === 0x2002) return embedded4(g[1], g[2]) === 'public' ? 'public' : 'private' // 6to4 of a private address
  if (g[0] === 0x2001 && g[1] === 0) return 'reserved' // Teredo
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'reserved' // documentation
  if (g[0] === 0x100 && zeros(1, 4)) return 'reserved' // discard-only
  if (g[0] === 0xfd00 && g[1] === 0xec2 && zeros(2, 7) && g[7] === 0x254) return 'metadata' // AWS metadata over IPv6
  if ((g[0] & 0xfe00) === 0xfc00) return 'private' // unique local
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local'
  if ((g[0] & 0xffc0) === 0xfec0) return 'private' // site-local (deprecated)
  if ((g[0] & 0xff00) === 0xff00) return 'reserved' // multicast
  return 'public'
}

/** The class of an IP address written as text (IPv6 with or without brackets); null when it is not an IP address. */
export function classifyAddress(text: string): AddressClass | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text
  const n4 = v4(bare)
  if (n4 !== null) return classify4(n4)
  const g = bare.includes(':') ? v6(bare) : null
  return g ? classify6(g) : null
}

/** Host names that always mean this machine or its private network, whatever DNS says. */
export function isLocalHostName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '')
  return h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal') || h === 'metadata'
}

export const ADDRESS_CLASS_WORDS: Record<Exclude<AddressClass, 'public'>, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  'link-local': 'a link-local address',
  metadata: 'the cloud metadata service',
  reserved: 'a reserved address',
}
