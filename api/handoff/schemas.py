"""Request and response bodies of the resident's handoff API (they define the OpenAPI schema)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.input_text import Printable, PrintableStr

Status = Literal[
    "offered", "consented", "waiting", "claimed", "callback_planned", "closed", "withdrawn"
]
RouteName = Literal["chat", "callback", "reference"]
PreferredTimeName = Literal["asap", "morning", "afternoon"]


class SummaryItemOut(BaseModel):
    id: str = Field(
        description="Stable id of the item, e.g. 'topic:debt_worries', 'household:age', "
        "'benefit:zorgtoeslag', 'urgent', 'question', 'transcript'. Use it to remove the item."
    )
    kind: Literal["topic", "urgent", "household", "benefit", "question", "transcript"]
    label: str = Field(description="What the resident reads (Dutch).")
    value: Any = Field(default=None, description="The plain value behind the label.")


class CallbackOut(BaseModel):
    preferred_time: PreferredTimeName


class HandoffOut(BaseModel):
    status: Status = Field(
        description="offered: preview, nothing shared. consented: shared, the resident phones "
        "with the reference code. waiting: shared, in the counsellors' queue. claimed: a "
        "counsellor has it. callback_planned, closed, withdrawn: as named."
    )
    route: RouteName | None = Field(default=None, description="Chosen at consent.")
    items: list[SummaryItemOut] = Field(
        description="While offered: what WOULD be shared. After consent: what was shared. "
        "Empty after withdrawal."
    )
    question: str | None = Field(
        default=None, description="The resident's own question (redacted), for the edit field."
    )
    urgent: bool
    reference_code: str | None = Field(
        default=None, description="Short code to quote when phoning the municipality."
    )
    counsellor_name: str | None = Field(
        default=None, description="Name or role of the counsellor, once one has claimed it."
    )
    connected: bool = Field(
        description="True while resident messages go to a counsellor instead of the bot "
        "(chat route, waiting or claimed)."
    )
    callback: CallbackOut | None = None
    notice: str | None = Field(
        default=None, description="A Dutch message to show after this action, if any."
    )


class AvailabilityOut(BaseModel):
    chat: bool = Field(description="Chat now is possible: office hours and a counsellor online.")
    callback: bool = Field(description="A call-back can be requested.")
    reference: bool = Field(description="A reference code can be given to quote when phoning.")
    office_open: bool
    counsellor_online: bool
    phone: str = Field(description="The municipality's phone number, for the reference route.")


class QuestionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: PrintableStr = Field(
        max_length=2000,
        description="One line in the resident's own words; personal data is removed before it "
        "is stored. Longer than 300 characters is refused; empty removes the question.",
    )


PhoneText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=32), Printable]


class ConsentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    route: RouteName
    phone: PhoneText | None = Field(
        default=None, description="Required for route 'callback' only; Dutch or international."
    )
    preferred_time: PreferredTimeName = "asap"


class NoticeOut(BaseModel):
    notice: str = Field(description="A Dutch message to show to the resident.")


class LiveMessageOut(BaseModel):
    id: int = Field(description="Pass the last id seen as 'after' when polling.")
    sender: Literal["resident", "counsellor", "system"]
    author_name: str | None = None
    text: str
    created_at: datetime


class LiveMessagesOut(BaseModel):
    status: Status
    connected: bool
    counsellor_name: str | None = None
    messages: list[LiveMessageOut]


class ResidentMessageOut(BaseModel):
    message: LiveMessageOut = Field(description="The message as stored (personal data removed).")
    notice: str | None = Field(
        default=None, description="Said once when personal data was removed from a message."
    )
