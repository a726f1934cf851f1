export function sha256RoundsSource(): string;
