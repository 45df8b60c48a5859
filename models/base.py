"""Shared base for every domain model: unknown fields are errors, not silently dropped."""

from pydantic import BaseModel, ConfigDict


class DomainModel(BaseModel):
    """Forbids unknown keys so that a typo in a scenario file is reported, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=False, validate_assignment=True)
