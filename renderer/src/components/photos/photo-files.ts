/** Reading picked, dropped or pasted files for `attachments.add` (main checks type and size again). */

/** Base64 of a file's bytes, in slices so a 20 MB photo does not overflow the call stack. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Image files among what was dropped or pasted; anything else is left for main to refuse in words. */
export function filesFrom(list: FileList | DataTransferItemList | null | undefined): File[] {
  if (!list) return [];
  const files: File[] = [];
  for (let i = 0; i < list.length; i += 1) {
    const entry = list[i];
    if (entry instanceof File) files.push(entry);
    else if (entry && 'getAsFile' in entry && entry.kind === 'file') {
      const file = entry.getAsFile();
      if (file) files.push(file);
    }
  }
  return files;
}

/** The file's own time as when the photo was taken (cameras set it), if it is a plausible date. */
export function takenAtOf(file: File): string | undefined {
  return file.lastModified > 0 ? new Date(file.lastModified).toISOString() : undefined;
}

export function photoAlt(caption: string, index: number, jobTitle: string): string {
  return caption.trim() !== '' ? caption : `Photo ${index} of ${jobTitle}`;
}
