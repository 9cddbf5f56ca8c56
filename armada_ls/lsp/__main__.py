"""`armada-ls [--stdio] [--tcp --host 127.0.0.1 --port N] [--cache-dir DIR] [--log-file F]`."""

from __future__ import annotations

import argparse
import gc
import logging
import sys


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="armada-ls", description="The Armada language server.")
    p.add_argument("--stdio", action="store_true", help="speak LSP on stdin/stdout (default)")
    p.add_argument("--tcp", action="store_true", help="listen on TCP instead")
    p.add_argument("--host", default="127.0.0.1", help="TCP host (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=2087, help="TCP port (default 2087)")
    p.add_argument("--cache-dir", default=None, help="persist verification results here")
    p.add_argument("--log-level", default="WARNING", help="log level (DEBUG logs each edit's latency)")
    p.add_argument("--log-file", default=None, help="log here instead of stderr")
    args = p.parse_args(argv)
    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=args.log_level.upper())
    else:
        logging.basicConfig(stream=sys.stderr, level=args.log_level.upper())

    # Fewer, cheaper collections: a snapshot allocates many small objects per keystroke and
    # the default thresholds put full collections (~100 ms on a 1,000-line package) in the
    # edit-to-diagnostics path. Reference counting frees almost all of it anyway.
    gc.set_threshold(5000, 20, 100)
    # The loop waits for the GIL while the analysis thread runs; it gets it after at most
    # the switch interval, and answering one message takes a few waits. 1 ms instead of
    # 5 ms keeps a hover during an analysis within a few ms (the analysis loses ~nothing).
    sys.setswitchinterval(0.001)

    from armada_ls.lsp.app import build

    server = build(cache_dir=args.cache_dir)
    try:
        if args.tcp:
            server.start_tcp(args.host, args.port)
        else:
            server.start_io()
    finally:
        server.engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
