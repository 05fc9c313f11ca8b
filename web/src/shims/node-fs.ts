// The page has no files: reading stdin or a file is refused (the page passes text inline).
const none = (): never => { throw new Error("no files in the page"); };
export const closeSync = none, fstatSync = none, openSync = none, readSync = none, readFileSync = none, existsSync = (): boolean => false;
export default { closeSync, fstatSync, openSync, readSync, readFileSync, existsSync };
