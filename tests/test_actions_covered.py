"""The transition table, the effects and the desk's forms name the same actions.

An action in the table with no effect fails when someone takes it; one a person takes on the case
page with no form is missing from the page; an effect or a form for an action the table lacks is
never reached. Every difference that is meant is listed here, with its reason.
"""
from minpan.cases.effects import EFFECTS
from minpan.cases.states import Action
from minpan.cases.transitions import TABLE
from minpan.desk.forms import FORMS

# Recorded on the timeline with no move in the table, so with no effect and no form.
RECORDED_WITHOUT_A_MOVE = {
    Action.COLLECT: "intake writes the case's first event itself (cases.services): there is no state to move from",
    Action.ATTACH: "anyone who may see the case uploads a file (desk.attachments); the state does not change",
    Action.CONFIRM_EMAIL: "the writer confirms their address through the link sent to it (portal.confirm_email)",
}

# Taken by the sweep (notify.sweep through transitions.apply_batch) on its deadlines, or by an import, never by a person.
SYSTEM_ONLY = {
    Action.REMIND, Action.URGE, Action.SUPERVISE, Action.TRANSFER, Action.CRITICISE, Action.ACCOUNT,
    Action.NUDGE, Action.ALARM,
    Action.RECALENDAR,  # taken by cases.recalendar when a holiday schedule import moves a deadline
    Action.PUBLISH_LATE,
    Action.IMPORT_ANSWERED,  # taken by minpan.intake for a channel's answered history
}

# Taken by a person, but not through the case page's action forms.
TAKEN_ELSEWHERE = {
    Action.RATE: "the writer rates the published answer on the portal, with the tracking code",
    Action.FOLLOW_UP: "the writer follows up an answer rated 不满意 on the portal's status page",
    Action.MASK: "the reviewer chooses what to mask on the publication preview page (desk.views.publication)",
    Action.APPROVE_BULLETIN: "a city leader approves the draft letter from the leader view (notify)",
    Action.REFUSE_BULLETIN: "a city leader refuses the draft letter, with a reason, on its page (notify)",
}


def test_every_action_is_in_the_table_unless_it_is_recorded_without_a_move():
    assert set(Action) - set(TABLE) == set(RECORDED_WITHOUT_A_MOVE)


def test_every_action_in_the_table_has_an_effect_and_every_effect_is_in_the_table():
    assert set(EFFECTS) == set(TABLE)


def test_the_desk_has_a_form_for_every_action_a_person_takes_on_the_case_page():
    assert set(FORMS) == set(TABLE) - SYSTEM_ONLY - set(TAKEN_ELSEWHERE)


def test_the_system_only_actions_are_those_the_table_gives_to_the_system():
    assert {action for action, move in TABLE.items() if move.side == "system"} == SYSTEM_ONLY


def test_the_actions_taken_elsewhere_are_taken_by_people():
    assert all(TABLE[action].side != "system" for action in TAKEN_ELSEWHERE)
