"""The forms of the center's oversight steps (cases.effects.oversight): 法制审核, 电话催办, 实地督查,
一事一报 and 回头看. Each is offered only under a policy that has the rule, and only while the core accepts it."""
from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from minpan.cases.effects.oversight import BY_HAND, LEGAL_CONCLUSIONS, REPORT_GROUNDS, legal_review_pending
from minpan.cases.lookback import awaiting_result
from minpan.cases.models import LookBackResult, LookBackVia
from minpan.cases.states import Action
from minpan.units.people import holding_any
from minpan.units.roles import Role

from .action_form import TEXT, ActionForm


class FlagLegalReviewForm(ActionForm):
    """Chizhou 第九条(五) 必要时要进行法制审核: the center or the unit's leader says it is needed."""

    action = Action.FLAG_LEGAL_REVIEW
    submit_label = "标记须法制审核"
    reason = forms.CharField(label="须法制审核的原因", widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="如涉及行政处罚、征收补偿、政策适用等；标记后答复须经法制审核方可报送")

    @classmethod
    def offered(cls, policy, case, roles):
        return policy.sign_off.legal_review and not case.legal_review_needed


class LegalReviewForm(ActionForm):
    action = Action.LEGAL_REVIEW
    submit_label = "记录法制审核"
    notice = "本件须法制审核（池州第九条(五)）：记录对本稿答复的审核后，经办人方可报送。"
    reviewer = forms.CharField(label="审核人", max_length=100, help_text="如本单位法律顾问、法制科室或司法局的审核人员")
    conclusion = forms.ChoiceField(label="审核结论", choices=list(LEGAL_CONCLUSIONS.items()))
    review_note = forms.CharField(label="审核意见", widget=forms.Textarea(attrs=TEXT),
                                  help_text="审核了哪些法律法规和政策依据，有何修改意见")

    @classmethod
    def offered(cls, policy, case, roles):
        return legal_review_pending(policy, case)

    def params(self):
        data = self.cleaned_data
        return {"reviewer": data["reviewer"], "conclusion": data["conclusion"], "note": data["review_note"]}


def phone_remind_possible(policy, case, now) -> bool:
    """What the PHONE_REMIND effect accepts: a way by hand in the policy, a deadline still ahead,
    not yet reminded by hand for it."""
    return (any(b in BY_HAND for b in policy.reminder.by) and case.due_at is not None and case.due_at > now
            and case.phoned_for != case.due_at)


class PhoneRemindForm(ActionForm):
    """Chizhou 第九条(四) 通过电话等方式催办，并做好记录; Yuncheng 五(三) 通过电话或网络短信等方式进行催办."""

    action = Action.PHONE_REMIND
    submit_label = "记录电话催办"
    by = forms.ChoiceField(label="催办方式", choices=list(BY_HAND.items()))
    callee = forms.CharField(label="接听人", max_length=100, help_text="承办单位接听电话（或接收短信）的人员，如：市住建局 王科长")
    called_at = forms.DateTimeField(label="催办时间", required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                    help_text="不填为现在")
    said = forms.CharField(label="催办情况", widget=forms.Textarea(attrs={"rows": 2}), help_text="告知了什么，对方如何答复")

    def setup(self):
        ways = [(b, BY_HAND[b]) for b in (self.policy.reminder.by if self.policy else ()) if b in BY_HAND]
        self.fields["by"].choices = ways or list(BY_HAND.items())

    @classmethod
    def offered(cls, policy, case, roles):
        return phone_remind_possible(policy, case, timezone.now())

    def params(self):
        data = self.cleaned_data
        return {"by": data["by"], "callee": data["callee"], "called_at": data.get("called_at"), "note": data["said"]}


class OnSiteForm(ActionForm):
    """Chizhou 第九条(四): 对市政府领导作出批示……的，市政府办公室安排人员实地督查、会商研究."""

    action = Action.ON_SITE
    submit_label = "记录实地督查"
    visited_on = forms.DateField(label="督查日期", widget=forms.DateInput(attrs={"type": "date"}))
    people = forms.CharField(label="督查人员", max_length=200)
    found = forms.CharField(label="督查发现", widget=forms.Textarea(attrs={"rows": 3}))
    agreed = forms.CharField(label="会商意见", widget=forms.Textarea(attrs={"rows": 3}), help_text="会商研究议定的措施、责任和时限")

    @classmethod
    def offered(cls, policy, case, roles):
        return policy.escalation.supervised_on_site and case.supervised


def city_leaders():
    return get_user_model().objects.filter(holding_any({Role.CITY_LEADER}), is_active=True).distinct().order_by("username")


class LeaderChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name().strip() or obj.get_username()


class ReportToLeaderForm(ActionForm):
    """Chizhou 第九条(二): 对疑难复杂、牵涉面广、易出现推诿扯皮、反复集中反映的事项，市政府办公室将一事一报，
    呈请市政府领导作出批示或协调部署."""

    action = Action.REPORT_TO_LEADER
    submit_label = "一事一报"
    leader = LeaderChoice(label="呈报领导", queryset=get_user_model().objects.none(), empty_label="请选择")
    grounds = forms.ChoiceField(label="事由", choices=list(REPORT_GROUNDS.items()))
    reason = forms.CharField(label="呈报理由", widget=forms.Textarea(attrs={"rows": 3}), help_text="办理情况和请领导批示或协调的事项")

    def setup(self):
        self.fields["leader"].queryset = city_leaders()

    @classmethod
    def offered(cls, policy, case, roles):
        return policy.escalation.report_to_leader and case.reported_to_id is None


class LookBackForm(ActionForm):
    """回头看 (Chizhou 第九条(七)): the result of checking a sampled closed case, offered while it is due."""

    action = Action.LOOK_BACK
    submit_label = "记录回头看结果"
    result = forms.ChoiceField(label="办理措施落实情况", choices=LookBackResult.choices, widget=forms.RadioSelect)
    via = forms.ChoiceField(label="核查方式", choices=LookBackVia.choices, widget=forms.RadioSelect)
    text = forms.CharField(label="核查情况", widget=forms.Textarea(attrs=TEXT),
                           help_text="何时回访或核查、了解到的落实情况；未落实的可随后“重新办理”")

    @classmethod
    def offered(cls, policy, case, roles):
        return policy.follow_up.look_back and awaiting_result(case)

    def params(self):
        return {"result": self.cleaned_data["result"], "via": self.cleaned_data["via"], "note": self.cleaned_data["text"]}
