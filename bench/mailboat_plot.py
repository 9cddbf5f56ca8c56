"""Plot the Mailboat benchmark: requests per second against cores, Mailboat vs the baseline.

    python bench/mailboat_plot.py bench/out/mailboat/mailboat.csv [-o bench/out/mailboat/mailboat.png]

The CSV comes from `go run ./mailboat/bench -out bench/out/mailboat`; each point is the median of
the runs for that system and core count, with a bar from the slowest to the fastest run.
"""

from __future__ import annotations

import argparse
import csv
import statistics
from collections import defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

LABELS = {"mailboat": "Mailboat", "gomail": "GoMail-style baseline"}


def load(path: Path) -> dict[str, dict[int, list[float]]]:
    rates: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    with path.open(newline="") as f:
        for row in csv.DictReader(f):
            rates[row["system"]][int(row["cores"])].append(float(row["requests_per_sec"]))
    if not rates:
        raise SystemExit(f"{path}: no rows")
    return rates


def plot(rates: dict[str, dict[int, list[float]]], out: Path) -> None:
    fig, ax = plt.subplots(figsize=(6, 4))
    for system, by_cores in sorted(rates.items()):
        cores = sorted(by_cores)
        med = [statistics.median(by_cores[c]) for c in cores]
        lo = [m - min(by_cores[c]) for m, c in zip(med, cores, strict=True)]
        hi = [max(by_cores[c]) - m for m, c in zip(med, cores, strict=True)]
        ax.errorbar(cores, med, yerr=[lo, hi], marker="o", capsize=3, label=LABELS.get(system, system))
    if "mailboat" in rates and "gomail" in rates:
        for c in sorted(set(rates["mailboat"]) & set(rates["gomail"])):
            m = statistics.median(rates["mailboat"][c])
            ratio = m / statistics.median(rates["gomail"][c])
            ax.annotate(f"{ratio:.2f}x", (c, m), textcoords="offset points", xytext=(0, 8), ha="center")
    all_cores = sorted({c for by in rates.values() for c in by})
    ax.set_xticks(all_cores)
    ax.set_xlabel("cores (goroutines, GOMAXPROCS)")
    ax.set_ylabel("requests / second")
    ax.set_ylim(bottom=0)
    ax.set_title("Mailboat figure 9 workload")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=120)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv", type=Path, nargs="?", default=Path("bench/out/mailboat/mailboat.csv"))
    ap.add_argument("-o", "--out", type=Path, help="PNG to write (default: next to the CSV)")
    args = ap.parse_args()
    out = args.out or args.csv.with_suffix(".png")
    plot(load(args.csv), out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
