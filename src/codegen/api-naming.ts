/** Identifiers generated code derives from an API id. */

/** PascalCase of an id (`softwareone-marketplace` → `SoftwareoneMarketplace`), a valid identifier. */
export function pascalCase(id: string): string {
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
  return /^[A-Za-z]/.test(name) ? name : `Api${name}`;
}
