import type { Plugin } from 'vite';

export function offlineServiceWorker(): Plugin;
export function serviceWorkerSource(version: string, files: readonly string[]): string;
