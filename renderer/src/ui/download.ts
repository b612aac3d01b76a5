/** Hands a file the engine made (an export) to the person as a download: where to keep it is theirs to choose. */
export function downloadFile(file: { fileName: string; mimeType: string; content: string }): void {
  const link = document.createElement('a')
  link.href = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }))
  link.download = file.fileName
  link.click()
  URL.revokeObjectURL(link.href)
}
