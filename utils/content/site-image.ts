// Images in a format the site refuses (WebP on Instagram) are redrawn as JPEG in the browser before
// they are attached: the officer never sees "This file is not supported".
export async function siteReadyImage(file: File, accepts: (mime: string) => boolean): Promise<File> {
  if (accepts(file.type)) return file;
  const bitmap = await createImageBitmap(file);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  // JPEG has no transparency: infographics with a transparent background get white, as when printed.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, bitmap.width, bitmap.height);
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
  return new File([jpeg], file.name.replace(/\.[a-z0-9]+$/i, '') + '.jpg', { type: 'image/jpeg' });
}
