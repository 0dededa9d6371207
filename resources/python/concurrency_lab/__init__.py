"""Concurrency Lab's Python harness: the same tasks as the lab's Node models, run by real CPython."""
