/**
 * Host capabilities of the renderer for files: both hosts take downloads through the browser engine
 * (Electron shows its save dialog for them), and previews use blob: URLs inside the app.
 */
export function bytesFromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function base64FromBytes(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export async function readFileBase64(file: Blob): Promise<string> {
  return base64FromBytes(new Uint8Array(await file.arrayBuffer()));
}

export function blobUrl(base64: string, mime: string): string {
  return URL.createObjectURL(new Blob([bytesFromBase64(base64)], { type: mime }));
}

export function saveFile(fileName: string, base64: string, mime = 'application/octet-stream'): void {
  const url = blobUrl(base64, mime);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
