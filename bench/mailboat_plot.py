"""Plot the Mailboat benchmark: requests per second against cores, Mailboat vs the baseline.

    python bench/mailboat_plot.py bench/out/mailboat/mailboat.csv [-o bench/out/mailboat/mailboat.png]

The CSV comes from `go run ./mailboat/bench -out bench/out/mailboat`; each point is the median of
the runs for that system and core count, with a bar from the slowest to the fastest run. Systems
come in pairs on the same file layer (raw system calls: solid; Go's os package: dashed), and each
pair's ratio is written above Mailboat's point. The first panel is wall-clock throughput; the
second divides by the CPU time the process used, which other load on a shared machine disturbs
much less. If mailboat_socket.csv is beside the CSV, a third panel shows the socket-level load
test: messages delivered (SMTP) and picked up (POP3) per second.
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

LABELS = {
    "mailboat-raw": "Mailboat, raw calls",
    "gomail-raw": "GoMail-style, raw calls",
    "mailboat-os": "Mailboat, os package",
    "gomail-os": "GoMail-style, os package",
}
COLORS = {"mailboat": "tab:blue", "gomail": "tab:orange"}
LAYERS = ("raw", "os")


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
    socket = load_socket(path.with_name("mailboat_socket.csv"))
    n = len(panels) + (1 if socket else 0)
    fig, axes = plt.subplots(1, n, figsize=(6 * n, 4.5), squeeze=False)
    for ax, (rates, label) in zip(axes[0], panels, strict=False):
        panel(ax, rates, label)
    if socket:
        socket_panel(axes[0][-1], socket)
    fig.suptitle("Mailboat figure 9 workload (median of runs, bar: min to max)")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=120)


def load_socket(path: Path) -> dict[str, dict[int, list[float]]]:
    rates: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    if not path.exists():
        return rates
    with path.open(newline="") as f:
        for row in csv.DictReader(f):
            for col in ("delivered_per_sec", "picked_up_per_sec"):
                rates[col][int(row["cores"])].append(float(row[col]))
    return rates


def socket_panel(ax: plt.Axes, rates: dict[str, dict[int, list[float]]]) -> None:
    for col, label in (("delivered_per_sec", "delivered (SMTP)"), ("picked_up_per_sec", "picked up (POP3)")):
        cores = sorted(rates[col])
        ax.plot(cores, [statistics.median(rates[col][c]) for c in cores], marker="o", label=label)
    ax.set_xticks(sorted({c for by in rates.values() for c in by}))
    ax.set_xlabel("server cores (GOMAXPROCS)")
    ax.set_ylabel("messages / second, through sockets")
    ax.set_ylim(0, ax.get_ylim()[1] * 1.12)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")


def panel(ax: plt.Axes, rates: Rates, ylabel: str) -> None:
    for system, by_cores in sorted(rates.items()):
        cores = sorted(by_cores)
        med = [statistics.median(by_cores[c]) for c in cores]
        lo = [m - min(by_cores[c]) for m, c in zip(med, cores, strict=True)]
        hi = [max(by_cores[c]) - m for m, c in zip(med, cores, strict=True)]
        family, _, layer = system.partition("-")
        ax.errorbar(cores, med, yerr=[lo, hi], marker="o", capsize=3, label=LABELS.get(system, system),
                    color=COLORS.get(family), linestyle="--" if layer == "os" else "-")
    for layer in LAYERS:
        mine, base = rates.get(f"mailboat-{layer}"), rates.get(f"gomail-{layer}")
        if not mine or not base:
            continue
        for c in sorted(set(mine) & set(base)):
            m = statistics.median(mine[c])
            ratio = m / statistics.median(base[c])
            ax.annotate(f"{layer} {ratio:.2f}x", (c, m), textcoords="offset points", xytext=(0, 8), ha="center")
    all_cores = sorted({c for by in rates.values() for c in by})
    ax.set_xticks(all_cores)
    ax.set_xlabel("cores (goroutines, GOMAXPROCS)")
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, ax.get_ylim()[1] * 1.12)  # room for the ratio labels
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize="small")


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
