/** Every encoding a credential could take in a recorded file, for tests that prove none leaks. */

/** `[form name, text]` for each way `key` could be written: raw, URL, form, JSON, base64 and auth headers. */
export function secretForms(key: string): [string, string][] {
  const b64 = (text: string) => Buffer.from(text).toString("base64");
  return [
    ["as sent", key],
    ["URL-encoded", encodeURIComponent(key)],
    ["form-encoded", new URLSearchParams({ k: key }).toString().slice(2)],
    ["JSON-escaped", JSON.stringify(key).slice(1, -1).replace(/\//g, "\\/")],
    ["base64", b64(key)],
    ["base64url", Buffer.from(key).toString("base64url")],
    ["base64 of user:key (Basic)", b64(`user:${key}`)],
    ["base64 of apikey key", b64(`apikey ${key}`)],
    ["base64 of Bearer key", b64(`Bearer ${key}`)],
  ];
}
