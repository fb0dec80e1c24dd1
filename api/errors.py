"""One JSON shape for every error: ``{"error": {"code": ..., "message": <Dutch text>}}``."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.input_text import CONTROL_CHARACTERS
from api.texts import text


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class ApiError(Exception):
    """An error with a status, a stable code and a Dutch message for the resident."""

    def __init__(
        self, status_code: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(code)
        self.status_code = status_code
        self.code = code
        self.message = message
        self.headers = headers


def error_response(
    status_code: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message))
    return JSONResponse(status_code=status_code, content=body.model_dump(), headers=headers)


def _validation_message(errors: list[dict[str, Any]], max_chars: int) -> tuple[str, str]:
    for err in errors:
        if err.get("type") == CONTROL_CHARACTERS:
            return CONTROL_CHARACTERS, text(CONTROL_CHARACTERS)
    for err in errors:
        loc = [str(part) for part in err.get("loc", ())]
        if err.get("type") == "json_invalid" or loc == ["body"]:
            return "invalid_request", text("invalid_request")
        if loc[-1:] == ["text"]:
            if err.get("type") == "string_too_long":
                return "message_too_long", text("message_too_long", max_chars=max_chars)
            if err.get("type") in ("string_too_short", "value_error", "missing"):
                return "empty_message", text("empty_message")
    return "invalid_request", text("invalid_request")


def install_error_handlers(app: FastAPI, max_chars: int) -> None:
    """Make every error, also FastAPI's own, use the one JSON shape."""

    async def handle_api_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc.status_code, exc.code, exc.message, exc.headers)

    async def handle_validation(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        code, message = _validation_message(list(exc.errors()), max_chars)
        return error_response(422, code, message)

    async def handle_http(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = "not_found" if exc.status_code == 404 else "http_error"
        return error_response(exc.status_code, code, str(exc.detail))

    app.add_exception_handler(ApiError, handle_api_error)
    app.add_exception_handler(RequestValidationError, handle_validation)
    app.add_exception_handler(StarletteHTTPException, handle_http)
