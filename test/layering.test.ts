/**
 * The layer rules of ARCHITECTURE.md fail loudly when broken: each forbidden
 * import is fed to the real ESLint config and the real tsconfig of its layer,
 * and both must report it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');

async function lintMessages(relativePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, relativePath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

/** Type-checks one file (placed in the layer's folder) with the layer's compiler options. */
function typeErrors(tsconfig: string, relativePath: string, code: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, tsconfig),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => {},
    },
  );
  if (!config) throw new Error(`cannot read ${tsconfig}`);
  const file = join(ROOT, relativePath);
  writeFileSync(file, code);
  created.push(file);
  const program = ts.createProgram([file], config.options);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const created: string[] = [];
const scratch = mkdtempSync(join(ROOT, 'shared', '.layering-'));
afterAll(() => {
  for (const file of created) rmSync(file, { force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('layer boundaries', () => {
  it('shared/ may not import Node built-ins, electron or other layers (lint)', async () => {
    expect(await lintMessages('shared/x.ts', "import { readFileSync } from 'node:fs';\nreadFileSync('a');\n")).toEqual([
      expect.stringMatching(/no-restricted-imports: .*shared\/ is pure TypeScript/),
    ]);
    expect(await lintMessages('shared/x.ts', "import 'electron';\n")).toEqual([
      expect.stringMatching(/no-restricted-imports/),
    ]);
    expect(await lintMessages('shared/import/x.ts', "import '../../main/store/profile-store';\n")).toEqual([
      expect.stringMatching(/no-restricted-imports/),
    ]);
  });

  it('renderer/ may not import main/ or Node, nor use HTML sinks (lint)', async () => {
    expect(await lintMessages('renderer/x.ts', "import '../main/store/profile-store';\n")).toEqual([
      expect.stringMatching(/renderer\/ talks to main\/ only through the service contract/),
    ]);
    expect(
      await lintMessages(
        'renderer/x.tsx',
        'export const X = (p: { s: string }) => <div dangerouslySetInnerHTML={{ __html: p.s }} />;\n',
      ),
    ).toEqual([expect.stringMatching(/react\/no-danger/)]);
    expect(
      await lintMessages('renderer/x.ts', 'export function f(e: HTMLElement, s: string) {\n  e.innerHTML = s;\n}\n'),
    ).toEqual([expect.stringMatching(/no-restricted-properties/)]);
  });

  it('main/ outside the Electron shell may not import electron (lint)', async () => {
    expect(await lintMessages('main/store/x.ts', "import 'electron';\n")).toEqual([
      expect.stringMatching(/Only main\/app and main\/preload may import electron/),
    ]);
    expect(await lintMessages('main/app/x.ts', "import 'electron';\n")).toEqual([]);
  });

  it('shared/ does not compile against Node or the DOM (tsconfig.shared.json)', () => {
    const nodeErrors = typeErrors(
      'tsconfig.shared.json',
      join(scratch, 'uses-node.ts').slice(ROOT.length + 1),
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    );
    expect(nodeErrors.join('\n')).toMatch(/Cannot find module 'node:fs'/);
    const domErrors = typeErrors(
      'tsconfig.shared.json',
      join(scratch, 'uses-dom.ts').slice(ROOT.length + 1),
      'export const title = document.title;\n',
    );
    expect(domErrors.join('\n')).toMatch(/Cannot find name 'document'/);
  });
});
