/** DeviceFileTransport against real files in a temp directory (a plain file and a FIFO stand in for /dev/usb/lp0). */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DeviceFileTransport, deviceDeadlineMs } from '../../../electron/core/printing/transports/device.ts'
import { rejection } from '../../support/rejection.ts'

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pos-device-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('DeviceFileTransport', () => {
  it('writes every job to the device, in order', async () => {
    const path = join(dir, 'lp0')
    writeFileSync(path, '')
    const transport = new DeviceFileTransport({ path })
    expect(transport.label).toBe(`device ${path}`)
    const first = Buffer.alloc(100_000)
    for (let i = 0; i < first.length; i++) first[i] = (i * 13) & 0xff
    await transport.write(first)
    await transport.write(Buffer.from('cut\n'))
    expect(readFileSync(path).equals(Buffer.concat([first, Buffer.from('cut\n')]))).toBe(true)
    expect(await transport.status()).toMatchObject({ state: 'unknown', paperLow: false, drawerOpen: null })
    await transport.close()
  })

  it('a missing device is not_found and is not created; status says disconnected', async () => {
    const path = join(dir, 'usb', 'lp0')
    const transport = new DeviceFileTransport({ path })
    expect((await rejection(transport.write(Buffer.from('x')))).code).toBe('not_found')
    expect(existsSync(path)).toBe(false)

    const flat = join(dir, 'lp1')
    const other = new DeviceFileTransport({ path: flat })
    expect((await rejection(other.write(Buffer.from('x')))).code).toBe('not_found')
    expect(existsSync(flat)).toBe(false)
    expect(await other.status()).toMatchObject({ state: 'disconnected' })
  })

  it('a device node with nothing behind it (a FIFO without reader: ENXIO) is disconnected', async () => {
    const path = join(dir, 'fifo')
    execFileSync('mkfifo', [path])
    const error = await rejection(new DeviceFileTransport({ path }).write(Buffer.from('x')))
    expect(error.code).toBe('disconnected')
  })

  it('derives its deadline from the byte count', () => {
    expect(deviceDeadlineMs(0)).toBe(5000)
    expect(deviceDeadlineMs(10_000)).toBe(6000)
    expect(deviceDeadlineMs(43_671)).toBe(9368)
  })
})
