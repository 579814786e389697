"""Discovery in the window: a progress bar with Cancel in the status bar, and a summary."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from eventsmith.app.discovery_summary import DiscoverySummary


class DiscoveryProgress(QWidget):
    """Shown in the status bar while a discovery runs."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel("Discovering…")
        self.bar = QProgressBar()
        self.bar.setFixedWidth(220)
        self.bar.setTextVisible(True)
        self.cancel = QPushButton("Cancel")
        self.cancel.clicked.connect(self.cancelRequested)
        # The status bar would give its permanent widgets all the room it has; this group keeps
        # its natural width and the status message keeps the rest.
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.hide()

    def begin(self) -> None:
        self.bar.setRange(0, 0)  # busy until the first progress arrives
        self.cancel.setEnabled(True)
        self.label.setText("Discovering…")
        self.show()

    def advance(self, per_mille: int, events: int) -> None:
        if per_mille >= 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(per_mille)
            self.bar.setFormat(f"%p%  ({events:,} events)")
        else:
            self.bar.setRange(0, 0)

    def cancelling(self) -> None:
        self.cancel.setEnabled(False)
        self.label.setText("Cancelling…")


class DiscoverySummaryDialog(QDialog):
    """What a run found, and every input line it had to skip with the reason."""

    def __init__(self, summary: DiscoverySummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            "Discovery finished" if not summary.cancelled else "Discovery cancelled"
        )
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        headline = QLabel(f"<b>{summary.headline()}</b>")
        headline.setWordWrap(True)
        layout.addWidget(headline)
        self.sections: dict[str, QListWidget] = {}
        rows = (
            ("New schemas", list(summary.new_schemas)),
            ("New versions", [f"{name}  →  version {v}" for name, v in summary.new_versions]),
            ("Unchanged", list(summary.unchanged)),
            ("Skipped input", list(summary.problems)),
        )
        for title, items in rows:
            if not items:
                continue
            more = ""
            if title == "Skipped input" and summary.problem_count > len(items):
                more = f" (first {len(items)} of {summary.problem_count})"
            layout.addWidget(QLabel(f"{title}{more}:"))
            listing = QListWidget()
            listing.addItems(items)
            listing.setMaximumHeight(min(160, 24 + 20 * len(items)))
            layout.addWidget(listing)
            self.sections[title] = listing
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons, 0, Qt.AlignmentFlag.AlignRight)
