// The networks, without any runtime dependency: the content script imports this (keep zod out of it).
export type Platform = 'x' | 'facebook' | 'instagram';
export const PLATFORMS: readonly Platform[] = ['x', 'facebook', 'instagram'];
export const PLATFORM_NAMES: Record<Platform, string> = { x: 'X', facebook: 'Facebook', instagram: 'Instagram' };
