"""Executable semantics of the Goose IR.

- `values`: run-time values (immutable, hashable) and gc's append growth;
- `compile`: IR functions to flat step-machine code (Go's evaluation order);
- `state`: heap, threads, in-progress writes, map ranges, devices;
- `machine`: one visible step at a time, undefined behaviour detected, footprints for POR;
- `devices`: disk, twodisk, filesys, prims models and the crash model;
- `run`: run a function to completion under one schedule; `format`: `fmt.Println` output.
"""
