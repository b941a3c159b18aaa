import type { Page } from '@playwright/test';

/**
 * Counts distinct colours in a PNG (a canvas screenshot) by decoding it in
 * the page itself: no image library needed, and WebGL canvases need no
 * preserveDrawingBuffer because the screenshot comes from the compositor.
 */
export async function distinctColours(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      if (colours.size > 64) break;
    }
    return colours.size;
  }, png.toString('base64'));
}
