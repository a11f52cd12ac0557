"""What changed between two versions of a meeting's minutes (pure: no Django).

Items are matched by their number where both versions print one, else by their place. For each
item: added, removed, or changed — its title, its minutes as a word-level diff, its resolutions
(added, removed, reworded) and its actions (added, removed). A diff is a list of (operation,
words) runs, "equal", "delete" or "insert", with long unchanged runs cut to their ends.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

# Unchanged words kept either side of a change; a longer unchanged run is cut in the middle.
CONTEXT = 12


@dataclass(frozen=True, slots=True)
class ItemVersion:
    number: str
    order: int
    title: str
    minutes_text: str
    resolutions: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.number or f"#{self.order}"


def compare(before: list[ItemVersion], after: list[ItemVersion]) -> list[dict]:
    """The changes from `before` to `after`, in the new version's order (removed items last)."""
    old = {item.key: item for item in before}
    new_keys = {item.key for item in after}
    changes = []
    for item in after:
        previous = old.get(item.key)
        if previous is None:
            changes.append(_named(item, "added"))
        elif change := _changed(previous, item):
            changes.append(change)
    changes += [_named(item, "removed") for item in before if item.key not in new_keys]
    return changes


def _named(item: ItemVersion, kind: str) -> dict:
    return {"item": item.key, "number": item.number, "title": item.title, "kind": kind}


def _changed(before: ItemVersion, after: ItemVersion) -> dict | None:
    change = _named(after, "changed")
    if before.title != after.title:
        change["title_before"] = before.title
    if _words(before.minutes_text) != _words(after.minutes_text):
        change["text"] = word_diff(before.minutes_text, after.minutes_text)
    added, removed, reworded = _lists(before.resolutions, after.resolutions)
    if added or removed or reworded:
        change["resolutions"] = {"added": added, "removed": removed, "reworded": reworded}
    actions_added = [text for text in after.actions if text not in before.actions]
    actions_removed = [text for text in before.actions if text not in after.actions]
    if actions_added or actions_removed:
        change["actions"] = {"added": actions_added, "removed": actions_removed}
    return change if len(change) > 4 else None


def _words(text: str) -> list[str]:
    return text.split()


def _lists(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[list[str], list[str], list[list]]:
    """Resolutions added, removed and reworded (the same place, other words)."""
    added = [text for text in after if text not in before]
    removed = [text for text in before if text not in after]
    reworded = []
    for old, new in zip(list(removed), list(added), strict=False):
        if _alike(_words(old), _words(new)):
            reworded.append([old, new, word_diff(old, new)])
            removed.remove(old)
            added.remove(new)
    return added, removed, reworded


def _alike(old: list[str], new: list[str]) -> bool:
    """Two wordings of one resolution: most words in common, or most of the shorter kept."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    return matcher.ratio() >= 0.5 or kept >= 0.8 * min(len(old), len(new))


def word_diff(before: str, after: str) -> list[list[str]]:
    """[operation, words] runs turning `before` into `after`, word by word (a run's words joined by
    single spaces, runs to be read with a space between), long unchanged runs cut to CONTEXT words
    at each end ("…" between)."""
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    runs: list[list[str]] = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            runs.append(["equal", old[old_start:old_end]])
            continue
        if old_end > old_start:
            runs.append(["delete", old[old_start:old_end]])
        if new_end > new_start:
            runs.append(["insert", new[new_start:new_end]])
    return [[operation, _cut(operation, words, index, len(runs))] for index, (operation, words) in enumerate(runs)]


def _cut(operation: str, words: list[str], index: int, count: int) -> str:
    if operation != "equal" or len(words) <= 2 * CONTEXT:
        return " ".join(words)
    head = words[:CONTEXT] if index > 0 else []
    tail = words[-CONTEXT:] if index < count - 1 else []
    return " ".join([*head, "…", *tail])


def summary(changes: list[dict]) -> dict[str, int]:
    """How many items were added, removed and changed."""
    return {kind: sum(1 for change in changes if change["kind"] == kind) for kind in ("added", "removed", "changed")}
