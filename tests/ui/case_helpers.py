"""What the case pages' tests share: the clinical text to look for, reading a page's every
element, opening a page, and the downloads the pages offer."""

from typing import Any

import pytest
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

CLINICAL = ("SECRET-DIAGNOSIS", "SECRET-HISTORY", "SECRET-NOTES", "smoking", "lumbar", "PAIN-NOTE",
            "FATIGUE-NOTE", "/10", "pain during", "pain next morning", "fatigue")
"""The tiny scenario's clinical text (diagnosis, history, notes, risk factor), the progress entry
conftest.case_record logs (notes, in its reason too) and how the pages word pain scores, fatigue
and the rules' reasons ("pain during work above the safe 2/10"). Matched without case."""


def clinical_in(text: str) -> list[str]:
    """The markers of CLINICAL that `text` holds."""
    lowered = text.lower()
    return [marker for marker in CLINICAL if marker.lower() in lowered]


def page_text(app: AppTest) -> str:
    """Every element's content on the page as rendered (its protobuf), the sidebar included."""
    found: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            found.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)
    walk(app._tree)
    return "\n".join(found)


def open_page(app: AppTest, page: str) -> AppTest:
    return app.sidebar.radio(key="page").set_value(page).run()


def capture_downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The files the pages' download buttons offer (file name -> content), as the app passes them.

    AppTest keeps a download's bytes in a media store it drops after each run, so the content is
    taken where the page hands it to Streamlit (every case page draws its buttons in columns)."""
    offered: dict[str, bytes] = {}
    original = DeltaGenerator.download_button

    def recording(self: DeltaGenerator, label: str, data: Any, file_name: str | None = None,
                  *args: Any, **kwargs: Any) -> Any:
        offered[str(file_name)] = data.encode() if isinstance(data, str) else bytes(data)
        return original(self, label, data, file_name, *args, **kwargs)
    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    return offered
