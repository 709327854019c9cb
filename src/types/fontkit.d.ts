/** The part of fontkit the letter renderer uses (the package ships no types). */
declare module 'fontkit' {
  export function create(buffer: Buffer | Uint8Array, postscriptName?: string): unknown;
}
