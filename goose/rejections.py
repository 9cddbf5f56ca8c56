"""Every construct outside the Goose subset, with its stable code, category and message.

One entry per construct (Goose's discipline): the code is `goose/<name>`, the category is
`unsupported` (intentionally out of the subset) or `future` (planned), and the message names
the construct and says what to write instead.
"""

from __future__ import annotations

REJECTIONS: dict[str, tuple[str, str]] = {
    "interface": ("unsupported", "interface types are not supported (this includes `any` and `error`); use a concrete type, and report failure with a bool result"),
    "func-value": ("unsupported", "function values and function types are not supported; call the function directly"),
    "method-value": ("unsupported", "method values are not supported; call the method directly"),
    "closure": ("unsupported", "function literals are supported only as `go func() { ... }()`; make it a named function"),
    "channel": ("unsupported", "channels are not supported; use a sync.Mutex and sync.Cond"),
    "select": ("unsupported", "select statements are not supported (no channels); use a sync.Cond"),
    "generics": ("unsupported", "generics (type parameters) are not supported; write the function for a concrete type"),
    "signed-int": ("unsupported", "signed and platform-sized integer types are not supported; use uint64 (or uint32, byte)"),
    "float": ("unsupported", "floating-point and complex numbers are not supported; use uint64 (fixed point if needed)"),
    "array": ("unsupported", "fixed-size array types are not supported; use a slice"),
    "goto": ("unsupported", "goto is not supported; use structured control flow"),
    "label": ("unsupported", "labels (and labelled break/continue) are not supported; restructure the loop or use a flag"),
    "recover": ("unsupported", "recover() is not supported; Goose code must not depend on catching panics"),
    "unsafe": ("unsupported", "package unsafe is not supported"),
    "reflect": ("unsupported", "reflection is not supported"),
    "import": ("unsupported", "this import is not supported; Goose code may import sync, armada/goose/machine/{disk,twodisk,filesys,prims} (or Goose's machine library, which maps to them) and packages of its own Go module"),
    "global-var": ("unsupported", "package-level variables are not supported; keep state in a struct passed as a pointer"),
    "named-result": ("future", "named result parameters are not supported; declare a local and return it"),
    "defer": ("unsupported", "defer is supported only for a mutex Unlock() or filesys.Close(f); call other functions explicitly before returning"),
    "switch": ("future", "switch statements are not supported yet; use if / else if"),
    "type-switch": ("unsupported", "type switches are not supported (no interfaces)"),
    "type-assertion": ("unsupported", "type assertions are not supported (no interfaces)"),
    "fallthrough": ("unsupported", "fallthrough is not supported (no switch)"),
    "variadic": ("unsupported", "variadic functions are not supported; pass a slice"),
    "init-func": ("unsupported", "package init functions are not supported; call a set-up function explicitly"),
    "embedded-field": ("unsupported", "embedded struct fields are not supported; name the field"),
    "rune": ("unsupported", "runes and range over a string are not supported; use []byte and byte"),
    "named-type": ("future", "named types are supported over integer, string, slice and map types (and structs); use the underlying type"),
    "anonymous-struct": ("unsupported", "anonymous struct types are not supported; declare a named struct type"),
    "map-literal": ("future", "map composite literals are not supported; use make(map[K]V) and assignments"),
    "slice-3-index": ("unsupported", "three-index slices s[lo:hi:max] are not supported; use s[lo:hi]"),
    "address-of": ("future", "taking the address of this expression is not supported; take the address of a local variable or a composite literal"),
    "iota": ("future", "iota is not supported; write the constant values explicitly"),
    "local-const": ("future", "constants declared inside a function are not supported; declare them at package level"),
    "method-expression": ("unsupported", "method expressions (T.Method) are not supported; call the method on a value"),
    "nested-field-assign": ("future", "assignment to a field of a struct-valued field is not supported; copy the inner struct, modify it and store it back"),
    "map-key": ("unsupported", "map keys must be uint64, uint32, byte, bool or string"),
    "receive": ("unsupported", "channel receive is not supported"),
    "dot-import": ("unsupported", "dot and blank imports are not supported; import by name"),
    "const-type": ("future", "constants must be of an integer, bool or string type"),
    "goroutine-call": ("unsupported", "go is supported only for a call of a named function or of `func() { ... }` literal"),
    "multi-value-context": ("unsupported", "a multi-valued call can only appear alone on the right of := or = or as a whole return"),
    "builtin": ("unsupported", "this built-in function is not supported"),
    "pointer-method-receiver": ("unsupported", "methods may be declared only on types of this package (structs and named non-struct types)"),
    "string-mutation": ("unsupported", "strings are immutable; convert to []byte first"),
    "negative-constant": ("unsupported", "negative constants are not supported (no signed integers)"),
    "cond-init": ("future", "this form of loop initialisation is not supported; declare the variable before the loop"),
    "sync-type": ("unsupported", "only *sync.Mutex (or *sync.RWMutex, treated as a mutex) and *sync.Cond are supported from package sync; use new(sync.Mutex) and sync.NewCond(mu)"),
    "string-bytes": ("unsupported", "string literals holding bytes that are not UTF-8 (\\x80-\\xff, \\200-\\377) are not supported; build a []byte with those byte values instead"),
    "elided-type": ("future", "composite literals with an elided type ({...} inside a literal) are not supported yet; write the type, as in T{...}"),
    "handle-expression": ("unsupported", "a disk.Disk handle must be a variable or a field when its methods are called (the machine has one disk; the handle is not evaluated)"),
    "too-deep": ("unsupported", "code nested this deeply is beyond the front end's limit; split the expression or function into smaller ones"),
}


def message(name: str) -> tuple[str, str, str]:
    """(code, category, message) for a rejected construct."""
    category, msg = REJECTIONS[name]
    return f"goose/{name}", category, msg
