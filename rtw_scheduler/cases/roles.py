"""The parties who sign a plan version: one place, light enough for the CLI's parser to import."""

from typing import Literal, get_args

SignOffRole = Literal["clinician", "worker", "employer"]
SIGN_OFF_ROLES: tuple[SignOffRole, ...] = get_args(SignOffRole)
