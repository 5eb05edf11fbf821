// Keeps the sidebar off the site's Post button: right edge by default, left edge when needed.
export const SIDEBAR_WIDTH = 320;

export interface Box {
  left: number;
  right: number;
}

export function chooseSide(postButton: Box | null, viewportWidth: number): 'left' | 'right' {
  if (!postButton) return 'right';
  const coversRight = postButton.right > viewportWidth - SIDEBAR_WIDTH;
  const coversLeft = postButton.left < SIDEBAR_WIDTH;
  return coversRight && !coversLeft ? 'left' : 'right';
}
