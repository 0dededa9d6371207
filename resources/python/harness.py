"""Concurrency Lab's Python harness: runs the lab's tasks under real CPython models, over JSON lines.

The lab starts it as `python -u -B -E -s harness.py` and talks to it on stdin/stdout (see
concurrency_lab/session.py for the messages); diagnostics go to stderr. Standard library only,
Python 3.9 or newer. The __main__ guard matters: multiprocessing's spawn and forkserver start
methods import this file again in every worker process.
"""
import sys

# This file must still parse on an old interpreter, so that it can say why it will not run.
MINIMUM = (3, 9)


def main():
    """Checks the interpreter, then serves the lab until it closes stdin."""
    if sys.version_info < MINIMUM:
        sys.stderr.write(
            "the harness needs Python %d.%d or newer, not %s\n" % (MINIMUM + (sys.version.split()[0],))
        )
        sys.exit(3)
    from concurrency_lab.session import serve

    serve()


if __name__ == "__main__":
    main()
