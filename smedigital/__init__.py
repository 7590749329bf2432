"""smedigital: where a small or medium firm stands on the 上云用数赋智 path."""

__version__ = "0.1.0"
