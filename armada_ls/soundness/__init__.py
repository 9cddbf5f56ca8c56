"""The explorer as an oracle for the verifier, and the mutation score of the bundled proofs.

`mutate` generates mutants of every package under proofs/ from its source and CST; `oracle`
runs the verifier and the explorer on a program and reports a disagreement when the verifier
proves what the explorer breaks; `run` (and `python -m armada_ls.soundness`) runs them all
and writes the mutation score. This package consumes verify and explore; nothing imports it.
"""
