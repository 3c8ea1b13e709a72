"""`clausebook serve`: the address checked before anything is built, then MkDocs' live-reload
server (the serve state and the file watching are generator/serve/); SIGTERM stops it as
Ctrl-C does."""

from __future__ import annotations

import argparse
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from generator.commands import EXIT_CONTENT, EXIT_OK, engine_logging, project_root, usage_error


def _serve(root: Path, **overrides: Any) -> int:
    from mkdocs.commands import serve
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    engine_logging()
    # Stopped by a service manager or a container (SIGTERM) as by Ctrl-C: MkDocs then shuts
    # the server down and removes its temporary site, and the plugin its own folders.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        serve.serve(config_file=str(root / "mkdocs.yml"), **overrides)
    except PluginError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CONTENT
    except (Abort, ConfigurationError) as exc:
        print(f"clausebook: serve failed: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    except _Terminated:  # during the first build: MkDocs has cleaned up, and re-raised it
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    return EXIT_OK


class _Terminated(KeyboardInterrupt):
    """SIGTERM: a Ctrl-C to MkDocs, and a stop that was asked for to the caller (exit 0)."""


def _interrupt(signum: int, frame: object) -> None:
    raise _Terminated


def _address(dev_addr: str, port: int | None) -> tuple[str, int] | str:
    """(host, port) of `--dev-addr HOST:PORT` (its port replaced by `--port`), or what is
    wrong with it."""
    host, colon, number = dev_addr.rpartition(":")
    if not colon or not host or not number.isdigit() or not 0 < int(number) < 65536:
        return f"--dev-addr must be HOST:PORT, e.g. 127.0.0.1:8000, not '{dev_addr}'"
    return host.strip("[]"), port if port is not None else int(number)


def _port_taken(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, checked before anything is built (MkDocs
    builds the whole site first and only then fails, with a traceback)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As the server will: a port left in TIME_WAIT by the last serve is free to use.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


def cmd_serve(args: argparse.Namespace) -> int:
    root = project_root(args.path)
    address = _address(args.dev_addr, args.port)
    if isinstance(address, str):
        return usage_error(address)
    host, port = address
    taken = _port_taken(host, port)
    if taken is not None:
        return usage_error(
            f"cannot serve on {host}:{port}: {taken} (another `clausebook serve`?); "
            "choose another port with --port N"
        )
    # MkDocs warns on every dirty build, which strict mode (mkdocs.yml) would turn into an
    # abort: a dirty preview is never strict.
    strict = {"strict": False} if args.dirty else {}
    return _serve(
        root,
        dev_addr=f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        open_in_browser=False,
        livereload=True,
        build_type="dirty" if args.dirty else None,
        **strict,
    )
