"""Plot the Mailboat benchmark: requests per second against cores, Mailboat vs the baseline.

    python bench/mailboat_plot.py bench/out/mailboat/mailboat.csv [-o bench/out/mailboat/mailboat.png]

The CSV comes from `go run ./mailboat/bench -out bench/out/mailboat`; each point is the median of
the runs for that system and core count, with a bar from the slowest to the fastest run. The
left panel is wall-clock throughput; the right one divides by the CPU time the process used, which
other load on a shared machine disturbs much less.
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


Rates = dict[str, dict[int, list[float]]]
PANELS = [("requests_per_sec", "requests / second"), ("requests_per_cpu_sec", "requests / CPU-second")]


def load(path: Path, column: str) -> Rates:
    rates: Rates = defaultdict(lambda: defaultdict(list))
    with path.open(newline="") as f:
        for row in csv.DictReader(f):
            if row.get(column):
                rates[row["system"]][int(row["cores"])].append(float(row[column]))
    return rates


def plot(path: Path, out: Path) -> None:
    panels = [(load(path, col), label) for col, label in PANELS]
    panels = [(rates, label) for rates, label in panels if rates]
    if not panels:
        raise SystemExit(f"{path}: no rows")
    fig, axes = plt.subplots(1, len(panels), figsize=(6 * len(panels), 4), squeeze=False)
    for ax, (rates, label) in zip(axes[0], panels, strict=True):
        panel(ax, rates, label)
    fig.suptitle("Mailboat figure 9 workload (median of runs, bar: min to max)")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=120)


def panel(ax: plt.Axes, rates: Rates, ylabel: str) -> None:
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
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, ax.get_ylim()[1] * 1.12)  # room for the ratio labels
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv", type=Path, nargs="?", default=Path("bench/out/mailboat/mailboat.csv"))
    ap.add_argument("-o", "--out", type=Path, help="PNG to write (default: next to the CSV)")
    args = ap.parse_args()
    out = args.out or args.csv.with_suffix(".png")
    plot(args.csv, out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
