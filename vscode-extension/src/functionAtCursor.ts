/**
 * Finding the Go function at the cursor by scanning the document's text: top-level `func`
 * declarations, their bodies matched brace by brace (skipping strings, runes and comments), and
 * the `//` comment lines just above each one (its doc comment and `//@` annotations).
 * Pure: works on a string and a line number.
 */

export interface GoFunction {
  /** The qualified name the server uses: `Recv.Method` (receiver type without `*`) or `Func`. */
  qualifiedName: string;
  /** The function's own name. */
  name: string;
  /** The receiver's named type, without `*` or type parameters; empty for a plain function. */
  receiverType: string;
  /** 0-based lines: first line of the attached comments (or of `func`), `func` line, last line. */
  startLine: number;
  funcLine: number;
  endLine: number;
}

const FUNC_HEADER =
  /^func\s*(?:\(\s*(?:[A-Za-z_]\w*\s+)?\*?\s*([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*\)\s*)?([A-Za-z_]\w*)/;

/**
 * Returns the offset just after the `}` that closes the body starting at or after `from`; for a
 * declaration without a body, `-(end of signature) - 2`; -1 at the end of the text.
 * Skips Go strings, raw strings, runes and comments.
 */
function matchBraces(text: string, from: number): number {
  let depth = 0;
  let parens = 0;
  let seenOpen = false;
  let i = from;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') {
        i += text[i] === '\\' ? 2 : 1;
      }
      i++;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (!seenOpen && parens > 0 && (c === '{' || c === '}')) {
      // An inline struct or interface type in the parameter list, not the body.
      i++;
      continue;
    }
    if (c === '{') {
      depth++;
      seenOpen = true;
    } else if (c === '}') {
      depth--;
      if (seenOpen && depth === 0) {
        return i + 1;
      }
    } else if (c === '(') {
      parens++;
    } else if (c === ')') {
      parens--;
    } else if (c === '\n' && !seenOpen && depth === 0 && parens <= 0) {
      // A declaration without a body (implemented in assembly) ends at the end of its signature.
      return -(i + 1) - 1;
    }
    i++;
  }
  return -1;
}

function lineOfOffset(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

/** Every top-level function and method in the file, in order. */
export function listFunctions(text: string): GoFunction[] {
  const lines = text.split('\n');
  const lineStarts: number[] = [];
  let off = 0;
  for (const l of lines) {
    lineStarts.push(off);
    off += l.length + 1;
  }
  const out: GoFunction[] = [];
  let line = 0;
  while (line < lines.length) {
    const m = FUNC_HEADER.exec(lines[line]);
    if (!m) {
      line++;
      continue;
    }
    const receiverType = m[1] ?? '';
    const name = m[2];
    // The body: the first `{` after the signature, matched brace by brace.
    const close = matchBraces(text, lineStarts[line] + m[0].length);
    const endLine =
      close >= 0 ? lineOfOffset(lineStarts, close - 1) : close < -1 ? lineOfOffset(lineStarts, -close - 2) : lines.length - 1;
    let startLine = line;
    while (startLine > 0 && /^\s*\/\//.test(lines[startLine - 1])) {
      startLine--;
    }
    out.push({
      qualifiedName: receiverType ? `${receiverType}.${name}` : name,
      name,
      receiverType,
      startLine,
      funcLine: line,
      endLine,
    });
    line = Math.max(endLine, line) + 1;
  }
  return out;
}

/** The function whose comments, signature or body contain the 0-based `line`; undefined if none. */
export function functionAtLine(text: string, line: number): GoFunction | undefined {
  return listFunctions(text).find((f) => f.startLine <= line && line <= f.endLine);
}
