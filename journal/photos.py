"""The photo cleaner moved to core.images, a generic tool; this name stays while the demo
loader still imports it from here."""

from core.images import PhotoRefused, make_safe

__all__ = ["PhotoRefused", "make_safe"]
