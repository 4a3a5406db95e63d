/**
 * json-schema-faker (the generator Prism uses) for tests that compare our validators with it.
 * Its options and formats are process-wide: every call here starts from its defaults and only the
 * formats it is given, so tests sharing a worker (vitest without isolation) cannot leak settings
 * into one another.
 */
import jsf from "json-schema-faker";

/** `jsf.format` as it behaves (its typings omit listing and unregistering). */
const formatRegistry = jsf.format as unknown as {
  (): Record<string, unknown>;
  (name: string, generate: (() => unknown) | null): void;
};

/** json-schema-faker's options (those not given keep its defaults). */
export type FakerOptions = Record<string, unknown>;

/** A small seeded PRNG (mulberry32): the same seed gives the same draws (faker bodies, samples). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One value for `schema` with exactly `options` over the defaults and exactly `formats` added. */
export function fakeJson(
  schema: unknown,
  options: FakerOptions,
  formats: Readonly<Record<string, () => unknown>> = {},
): unknown {
  jsf.option({ ...jsf.option.getDefaults(), ...options });
  for (const name of Object.keys(formatRegistry())) formatRegistry(name, null);
  for (const [name, generate] of Object.entries(formats)) formatRegistry(name, generate);
  return jsf.generate(schema as never);
}
