/** Types of system-deps.js (plain JavaScript so ensure-deps.js can use it before npm install). */
export interface SystemPackage {
  pkg: string;
  why: string;
  present(): boolean;
}
export const CJK_FONT_FILES: readonly string[];
export const SYSTEM_PACKAGES: readonly SystemPackage[];
export function findOnPath(name: string): string | null;
export function hasCjkFont(): boolean;
export function missingSystemPackages(): SystemPackage[];
/** The binary's path; throws an Error whose message is the one-line instruction to install it. */
export function requireBinary(name: string, pkg: string): string;
