"""The lab's small hashes and seeded PRNG (src/shared/hashing.ts), bit for bit in Python.

JavaScript does this arithmetic on 32-bit integers (Math.imul, >>>, ^); here every value is kept
as an unsigned 32-bit int, which gives the same bits.
"""
from __future__ import annotations

MASK = 0xFFFFFFFF
FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


def imul(a: int, b: int) -> int:
    """Math.imul: the low 32 bits of a * b."""
    return (a * b) & MASK


def fnv1a_bytes(data: bytes, seed: int = FNV_OFFSET) -> int:
    """FNV-1a, 32-bit, over bytes."""
    h = seed & MASK
    for byte in data:
        h = ((h ^ byte) * FNV_PRIME) & MASK
    return h


def fnv1a_string(text: str, seed: int = FNV_OFFSET) -> int:
    """FNV-1a, 32-bit, over the UTF-16 code units of a string (as JavaScript sees it)."""
    h = seed & MASK
    for char in text:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            for unit in (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)):
                h = ((h ^ unit) * FNV_PRIME) & MASK
        else:
            h = ((h ^ code) * FNV_PRIME) & MASK
    return h


def hex32(value: int) -> str:
    """A 32-bit hash as 8 hex digits."""
    return format(value & MASK, "08x")


def mix32(a: int, b: int = 0, c: int = 0) -> int:
    """Mixes integers into one well-spread 32-bit value (per-pixel randomness)."""
    h = imul(a ^ 0x9E3779B9, 0x85EBCA6B) ^ imul(b + 0x632BE59B, 0xC2B2AE35) ^ imul(c + 0x7F4A7C15, 0x27D4EB2F)
    h ^= h >> 16
    h = imul(h, 0x85EBCA6B)
    h ^= h >> 13
    h = imul(h, 0xC2B2AE35)
    h ^= h >> 16
    return h


def seeded_random(seed: int):
    """mulberry32: a tiny seeded PRNG returning floats in [0, 1), the same sequence as the lab's."""
    state = seed & MASK

    def next_float() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & MASK
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & MASK
        return ((t ^ (t >> 14)) & MASK) / 4294967296

    return next_float
