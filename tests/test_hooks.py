"""The core tells the apps above it what it applied (cases.hooks), and imports none of them."""
import ast
from pathlib import Path

import pytest
from django.db import transaction

from minpan.cases import hooks
from minpan.cases.errors import RuleViolation
from minpan.cases.states import Action
from minpan.cases.transitions import apply
from tests.flow import at, collect, fresh

CORE = ("cases", "workdays", "policies", "units")
ABOVE = ("notify", "desk", "portal", "textmine", "similar", "demo")


@pytest.fixture
def heard(monkeypatch):
    """A listener on accept that records what it heard."""
    got = []
    monkeypatch.setitem(hooks.LISTENERS, Action.ACCEPT, [*hooks.LISTENERS.get(Action.ACCEPT, []), got.append])
    return got


def test_a_listener_hears_the_action_only_after_commit(city, heard, django_capture_on_commit_callbacks):
    case = collect("tongliao")
    with django_capture_on_commit_callbacks(execute=True):
        apply(case, "accept", actor=city.operator, now=at("2026-03-02 10:00"))
        assert heard == []
    [applied] = heard
    assert (applied.case.pk, applied.action, applied.actor, applied.before, applied.after) == (
        case.pk, Action.ACCEPT, city.operator, "received", "accepted")
    assert applied.at == at("2026-03-02 10:00")


def test_a_listener_hears_nothing_of_an_action_rolled_back(city, heard, django_capture_on_commit_callbacks):
    case = collect("tongliao")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        apply(case, "accept", actor=city.operator)
        raise RuntimeError("the caller's transaction fails after the action")
    assert heard == []
    assert fresh(case).state == "received"


def test_a_failing_listener_is_logged_and_does_not_undo_the_action(city, heard, monkeypatch, caplog, django_capture_on_commit_callbacks):
    def broken(applied):
        raise RuntimeError("listener down")

    monkeypatch.setitem(hooks.LISTENERS, Action.ACCEPT, [broken, *hooks.LISTENERS[Action.ACCEPT]])
    case = collect("tongliao")
    with django_capture_on_commit_callbacks(execute=True):
        apply(case, "accept", actor=city.operator)
    assert fresh(case).state == "accepted"
    assert len(heard) == 1  # the next listener still runs
    assert "listener" in caplog.text and "broken" in caplog.text


def test_a_contributor_adds_to_the_event_and_rolls_back_with_it(city, monkeypatch):
    monkeypatch.setitem(hooks.CONTRIBUTORS, Action.ACCEPT, [lambda applied: {"seen": applied.after}])
    case = apply(collect("tongliao"), "accept", actor=city.operator)
    assert case.events.order_by("-seq").first().data == {"seen": "accepted"}

    def refuse(applied):
        raise RuleViolation("no")

    monkeypatch.setitem(hooks.CONTRIBUTORS, Action.ACCEPT, [refuse])
    case = collect("tongliao")
    with pytest.raises(RuleViolation):
        apply(case, "accept", actor=city.operator)
    assert fresh(case).state == "received" and fresh(case).events.count() == 1


def test_a_contributor_may_not_replace_what_the_effect_wrote(city, monkeypatch):
    monkeypatch.setitem(hooks.CONTRIBUTORS, Action.INSTRUCT, [lambda applied: {"text": "changed"}])
    case = apply(collect("tongliao"), "accept", actor=city.operator)
    with pytest.raises(ValueError):
        apply(case, "instruct", actor=city.leader, text="请抓紧办理。")
    assert fresh(case).events.count() == 2


def test_collecting_is_announced_after_commit(city, monkeypatch, django_capture_on_commit_callbacks):
    got = []
    monkeypatch.setitem(hooks.LISTENERS, Action.COLLECT, [*hooks.LISTENERS.get(Action.COLLECT, []), got.append])
    with django_capture_on_commit_callbacks(execute=True):
        case = collect("tongliao")
        assert got == []
    assert [(a.case.pk, a.before, a.after) for a in got] == [(case.pk, "", "received")]


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_the_core_imports_nothing_above_it():
    root = Path(__file__).resolve().parent.parent / "minpan"
    wrong = [
        f"{path.relative_to(root.parent)}: {name}"
        for app in CORE for path in sorted((root / app).rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[:2] in [["minpan", above] for above in ABOVE]
    ]
    assert wrong == []
