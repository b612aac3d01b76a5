/** Runs async jobs one at a time, in call order; a failed job does not stop the ones after it. */
export function createSerialQueue(): <T>(job: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(job: () => Promise<T>): Promise<T> => {
    const result = tail.then(job, job)
    tail = result.catch(() => undefined)
    return result
  }
}
