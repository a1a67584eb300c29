/** Types of `compiled-build.js` (plain JavaScript: it runs before tsx is registered). */
export declare const BUILD_STAMP: string;
export declare const COMPILED_MAIN: string;
export declare function freshCompiledMain(root: string): string | null;
export declare function inputsFingerprint(root: string): string;
