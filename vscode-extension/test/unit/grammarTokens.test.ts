// Tokenizes Go lines with the annotation grammar injected, using the TextMate engine VS Code
// uses (vscode-textmate + oniguruma). The host grammar is a minimal stand-in for VS Code's Go
// grammar with the same comment scopes (comment.line.double-slash.go, comment.block.go, whose
// begin patterns consume the `//` and `/*`).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const root = path.join(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributed = pkg.contributes.grammars[0];
const injection = JSON.parse(fs.readFileSync(path.join(root, contributed.path), 'utf8'));

const MINI_GO = {
  scopeName: 'source.go',
  patterns: [
    {
      name: 'comment.block.go',
      begin: '(/\\*)',
      beginCaptures: { '1': { name: 'punctuation.definition.comment.go' } },
      end: '(\\*/)',
      endCaptures: { '1': { name: 'punctuation.definition.comment.go' } },
    },
    {
      name: 'comment.line.double-slash.go',
      begin: '(//)',
      beginCaptures: { '1': { name: 'punctuation.definition.comment.go' } },
      end: '(?:\\n|$)',
    },
    { name: 'keyword.go', match: '\\b(func|return|type|package)\\b' },
  ],
};

let grammar: vsctm.IGrammar;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope: string) => {
      if (scope === 'source.go') {
        return vsctm.parseRawGrammar(JSON.stringify(MINI_GO), 'go.json');
      }
      if (scope === injection.scopeName) {
        return vsctm.parseRawGrammar(JSON.stringify(injection), 'injection.json');
      }
      return null;
    },
    getInjections: (scope: string) => (contributed.injectTo.includes(scope) ? [injection.scopeName] : undefined),
  });
  const g = await registry.loadGrammar('source.go');
  assert.ok(g, 'the Go stand-in grammar loads');
  grammar = g;
});

/** The scopes of every token of `line`, by its text (the first token with that text). */
function scopesOf(line: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const { tokens } = grammar.tokenizeLine(line, vsctm.INITIAL);
  for (const t of tokens) {
    const text = line.slice(t.startIndex, t.endIndex);
    if (!out.has(text.trim())) {
      out.set(text.trim(), t.scopes);
    }
  }
  return out;
}

function scopeOf(line: string, word: string): string[] {
  const s = scopesOf(line).get(word);
  assert.ok(s, `no token "${word}" in ${JSON.stringify(line)}: ${JSON.stringify([...scopesOf(line).keys()])}`);
  return s;
}

describe('annotation grammar, tokenized as VS Code does', () => {
  it('highlights keywords of //@ annotations inside Go line comments', () => {
    const line = '//@ requires a < DiskSize';
    const s = scopeOf(line, 'requires');
    assert.ok(s.includes('comment.line.double-slash.go'), s.join(' '));
    assert.ok(s.includes('meta.annotation.armada'), s.join(' '));
    assert.ok(s.includes('keyword.other.annotation.armada'), s.join(' '));
    assert.ok(scopeOf(line, '@').includes('punctuation.definition.annotation.armada'));
  });

  it('highlights // @ annotations in doc comments (as gofmt writes them)', () => {
    const line = '// @ implements Disk.Write';
    const s = scopeOf(line, 'implements');
    assert.ok(s.includes('comment.line.double-slash.go'), s.join(' '));
    assert.ok(s.includes('meta.annotation.armada') && s.includes('keyword.other.annotation.armada'), s.join(' '));
    assert.ok(scopeOf(line, '@').includes('punctuation.definition.annotation.armada'));
    const prose = scopesOf('// Write stores v at address a on both disks');
    assert.ok(![...prose.values()].flat().some((x) => x.endsWith('.armada')), 'doc prose stays a comment');
  });

  it('highlights quantifiers, builtins, ghost statements and operators', () => {
    const inv = '//@ crash_inv forall a uint64 :: a < N ==> old(D[a]) == D[a] || failed(Disk1)';
    assert.ok(scopeOf(inv, 'crash_inv').includes('keyword.other.annotation.armada'));
    assert.ok(scopeOf(inv, 'forall').includes('keyword.operator.quantifier.armada'));
    assert.ok(scopeOf(inv, 'old').includes('support.function.builtin.armada'));
    assert.ok(scopeOf(inv, 'failed').includes('support.function.builtin.armada'));
    assert.ok(scopeOf(inv, '==>').includes('keyword.operator.logical.armada'));
    const ghost = '\ttwodisk.Write(twodisk.Disk1, a, v) //@ ghost helping Disk.Write(a, v)';
    assert.ok(scopeOf(ghost, 'ghost').includes('storage.modifier.ghost.armada'));
    assert.ok(scopeOf(ghost, 'helping').includes('keyword.other.annotation.armada'));
  });

  it('works in /*@ ... */ block comments', () => {
    const s = scopeOf('/*@ invariant i <= n */', 'invariant');
    assert.ok(s.includes('comment.block.go') && s.includes('keyword.other.annotation.armada'), s.join(' '));
  });

  it('leaves ordinary comments, field names and Go code alone', () => {
    const plain = scopesOf('// requires a lock');
    assert.ok(![...plain.values()].flat().some((x) => x.endsWith('.armada')), 'no Armada scope in a plain comment');
    assert.ok(!scopeOf('//@ requires s.state == 1', 's.state').includes('keyword.other.annotation.armada'), 'a field named state');
    const code = scopesOf('func state() int { return 1 }');
    assert.ok(![...code.values()].flat().some((x) => x.endsWith('.armada')), 'no Armada scope in Go code');
  });
});
