import { TransportError } from '../../electron/core/printing/transport.ts'

/** The TransportError a call rejects with; fails the test if it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof TransportError) return error
    throw error
  }
  throw new Error('expected a TransportError, but the promise resolved')
}
