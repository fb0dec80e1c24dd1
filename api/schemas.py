"""Request and response bodies of the chat API (they define the OpenAPI schema)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.input_text import Printable

# Length limit enforced again in the route, from settings; this one documents the default.
MessageText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), Printable]


class SessionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    municipality: str | None = Field(
        default=None,
        max_length=64,
        description=(
            "The key of the municipality whose resident chats (the widget's data-municipality);"
            " only a municipality this installation serves. Empty: the installation's default."
        ),
    )


class SessionCreated(BaseModel):
    session_id: str = Field(description="Random, unguessable id of the conversation.")
    municipality: str = Field(description="The key of the conversation's municipality.")


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: MessageText = Field(
        description="What the resident typed, or the payload of a button they pressed."
    )


class ButtonOut(BaseModel):
    title: str
    payload: str


class DownloadOut(BaseModel):
    filename: str
    content: str = Field(description="Plain text the widget offers to save on the device.")


class MessageOut(BaseModel):
    text: str
    buttons: list[ButtonOut] = Field(default_factory=list)
    download: DownloadOut | None = None


class MessagesOut(BaseModel):
    messages: list[MessageOut]
    conversation_deleted: bool = Field(
        default=False,
        description="True when the resident asked to wipe the conversation and it was wiped; "
        "the widget then clears its own state too.",
    )
    handoff_offer: bool = Field(
        default=False,
        description="The bot offers a person: the widget shows the consent screen with the "
        "summary from GET /api/v1/sessions/{id}/handoff.",
    )


class ComponentHealth(BaseModel):
    rasa: str
    action_server: str
    database: str


class HealthOut(BaseModel):
    status: str
    components: ComponentHealth


class WidgetConfigOut(BaseModel):
    municipality: str
    name: str
    phone: str
    phone_href: str
    privacy_url: str
