"""Immutable value classes written out: what ``@dataclass(frozen=True)`` makes of a class the first window
defines, without the decorator (it and importing ``dataclasses`` took about 1 ms of the first window: issue 17).

A subclass names its fields in :data:`Frozen._FIELDS`, in order (a class with ``__slots__`` gives the same
tuple); instances are equal to and hashed as another of their class with the same values, print as the
dataclass would, refuse every assignment and deletion, and pickle and copy by their values.
tests/test_library_values.py and tests/test_settings_values.py hold each subclass to its dataclass twin.
"""

from __future__ import annotations

from typing import Any


class Frozen:
    __slots__ = ()
    _FIELDS: tuple[str, ...] = ()

    def __init__(self, *values: Any) -> None:
        for field, value in zip(self._FIELDS, values, strict=True):
            object.__setattr__(self, field, value)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, field) for field in self._FIELDS)

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{f}={getattr(self, f)!r}' for f in self._FIELDS)})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a {type(self).__name__} does not change")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a {type(self).__name__} does not change")

    def __getstate__(self) -> tuple[Any, ...]:
        return self._values()

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for field, value in zip(self._FIELDS, state, strict=True):
            object.__setattr__(self, field, value)
