import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const grammarPath = path.join(root, pkg.contributes.grammars[0].path);
const grammar = JSON.parse(fs.readFileSync(grammarPath, 'utf8'));

/** Every rule with a `match` in the annotation body, with its scope name. */
function bodyRules(): { name: string; re: RegExp }[] {
  return grammar.repository['annotation-body'].patterns
    .filter((p: { match?: string }) => p.match)
    .map((p: { name: string; match: string }) => ({ name: p.name, re: new RegExp(p.match, 'g') }));
}

/** The scope the first matching rule gives `word` inside `text`, as TextMate would try them. */
function scopeOf(text: string, word: string): string | undefined {
  const at = text.indexOf(word);
  for (const { name, re } of bodyRules()) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m.index === at && m[0] === word) {
        return name;
      }
      if (m[0] === '') {
        re.lastIndex++;
      }
    }
  }
  return undefined;
}

describe('annotation grammar', () => {
  it('is an injection into Go comments only, contributing no language', () => {
    assert.equal(pkg.contributes.languages, undefined);
    assert.deepEqual(pkg.contributes.grammars[0].injectTo, ['source.go']);
    assert.equal(pkg.contributes.grammars[0].language, undefined);
    assert.equal(pkg.contributes.grammars[0].scopeName, grammar.scopeName);
    assert.equal(grammar.injectionSelector, 'L:comment.line.double-slash.go, L:comment.block.go');
    assert.deepEqual(pkg.activationEvents, ['onLanguage:go']);
  });

  it('starts at //@, // @ (gofmt doc-comment form) and /*@', () => {
    const line = new RegExp(grammar.repository['line-annotation'].begin);
    const block = new RegExp(grammar.repository['block-annotation'].begin);
    assert.ok(line.test('//@ requires a < n'));
    assert.ok(line.test('// @ requires a < n'));
    assert.ok(!line.test('//  @ two spaces: not an annotation'));
    assert.ok(!line.test('// an email me@example.com'));
    assert.ok(block.test('/*@ invariant x */'));
  });

  it('highlights every annotation keyword', () => {
    for (const kw of [
      'spec', 'op', 'state', 'crash', 'implements', 'requires', 'ensures', 'preserves', 'invariant',
      'decreases', 'crash_inv', 'lock_inv', 'lease', 'linearize', 'linearizes', 'helping', 'complete', 'recover',
      'gen', 'explore',
    ]) {
      assert.equal(scopeOf(`@ ${kw} x`, kw), 'keyword.other.annotation.armada', kw);
    }
    assert.equal(scopeOf('@ ghost linearize Write', 'ghost'), 'storage.modifier.ghost.armada');
    assert.equal(scopeOf('@ ensures forall i: i < n', 'forall'), 'keyword.operator.quantifier.armada');
    assert.equal(scopeOf('@ ensures exists i: i < n', 'exists'), 'keyword.operator.quantifier.armada');
    for (const fn of ['old', 'durable', 'failed']) {
      assert.equal(scopeOf(`@ ensures ${fn}(x)`, fn), 'support.function.builtin.armada', fn);
    }
    assert.equal(scopeOf('@ requires a ==> b', '==>'), 'keyword.operator.logical.armada');
  });

  it('leaves field names and longer identifiers alone', () => {
    assert.equal(scopeOf('@ requires s.state == 1', 'state'), undefined);
    assert.equal(scopeOf('@ requires opsDone > 0', 'op'), undefined);
    assert.equal(scopeOf('@ requires my_gen > 0', 'gen'), undefined);
  });
});
