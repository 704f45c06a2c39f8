"""Where the current request came from, so services can audit without a request object."""

from contextvars import ContextVar

current_ip: ContextVar[str | None] = ContextVar("current_ip", default=None)
current_path: ContextVar[str] = ContextVar("current_path", default="")
