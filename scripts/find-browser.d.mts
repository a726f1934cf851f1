export declare const INSTALL_HINT: string;
export declare function findChromium(): Promise<string | null>;
export declare const CHROMIUM_ARGS: string[];
