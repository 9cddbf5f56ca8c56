import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { functionAtLine, listFunctions } from '../../src/functionAtCursor';

const SRC = `package replicated

import "sync"

//@ spec state: map[uint64]Block
type RepDisk struct {
	mu *sync.Mutex
}

// Write writes both disks.
//@ implements Write
//@ requires a < size
func (rd *RepDisk) Write(a uint64, v Block) {
	rd.mu.Lock()
	if a > 0 { // a brace in a comment: }
		s := "}{"
		_ = s
	}
	r := '}'
	_ = r
	_ = \`
}\`
	rd.mu.Unlock()
}

func Recover() {
}

func (d Disk[T]) Get(
	a uint64,
) T {
	return d.v
}

func helper(x struct{ a int }) int { return x.a }

func asm(x int) int
func last() {}
`;

const lineOf = (needle: string): number => SRC.split('\n').findIndex((l) => l.includes(needle));

describe('listFunctions', () => {
  it('finds every top-level function with its qualified name and extent', () => {
    const fs = listFunctions(SRC);
    assert.deepEqual(
      fs.map((f) => f.qualifiedName),
      ['RepDisk.Write', 'Recover', 'Disk.Get', 'helper', 'asm', 'last'],
    );
    const w = fs[0];
    assert.equal(w.receiverType, 'RepDisk');
    assert.equal(w.name, 'Write');
    assert.equal(w.startLine, lineOf('// Write writes'));
    assert.equal(w.funcLine, lineOf('func (rd *RepDisk) Write'));
    assert.equal(w.endLine, lineOf('rd.mu.Unlock()') + 1);
    assert.equal(fs[4].endLine, fs[4].funcLine, 'a declaration without a body ends on its line');
  });
});

describe('functionAtLine', () => {
  it('finds the function around the cursor, including its annotations', () => {
    assert.equal(functionAtLine(SRC, lineOf('s := "}{"'))?.qualifiedName, 'RepDisk.Write');
    assert.equal(functionAtLine(SRC, lineOf('//@ requires a < size'))?.qualifiedName, 'RepDisk.Write');
    assert.equal(functionAtLine(SRC, lineOf('rd.mu.Unlock()'))?.qualifiedName, 'RepDisk.Write');
    assert.equal(functionAtLine(SRC, lineOf('func Recover'))?.qualifiedName, 'Recover');
    assert.equal(functionAtLine(SRC, lineOf('\ta uint64,'))?.qualifiedName, 'Disk.Get');
    assert.equal(functionAtLine(SRC, lineOf('func helper'))?.qualifiedName, 'helper');
    assert.equal(functionAtLine(SRC, lineOf('func last'))?.qualifiedName, 'last');
  });

  it('finds nothing outside functions', () => {
    assert.equal(functionAtLine(SRC, 0), undefined);
    assert.equal(functionAtLine(SRC, lineOf('mu *sync.Mutex')), undefined);
    assert.equal(functionAtLine(SRC, lineOf('//@ spec state')), undefined);
    assert.equal(functionAtLine('', 0), undefined);
  });
});
