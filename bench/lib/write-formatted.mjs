/**
 * Writes a generated file formatted by the repository's Prettier (so
 * `npm run lint` stays clean after a bench run); unformatted if Prettier is missing.
 */
import { writeFileSync } from 'node:fs';

export async function writeFormatted(path, text) {
  let out = text;
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(path)) ?? {};
    out = await prettier.format(text, { ...options, filepath: path });
  } catch {
    /* Prettier unavailable: keep the text as generated */
  }
  writeFileSync(path, out);
}
