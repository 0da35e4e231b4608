"""The written notices the ladder issues, numbered per kind and year (催办〔2026〕3号)."""
from __future__ import annotations

from minpan.cases.access import unit_subject
from minpan.cases.errors import RuleViolation
from minpan.cases.hooks import Applied
from minpan.units.models import Level, Unit
from minpan.workdays.arith import SHANGHAI, deadline_text

from .models import Letter, LetterCounter, LetterState


class AlreadyIssued(RuleViolation):
    pass


PREFIX = {"urge": "催办", "supervise": "督办", "transfer": "移交", "criticise": "通报", "account": "问责"}


def issue_letter(case, step, *, now, overdue_days: int, policy, fault: str = "") -> Letter:
    year = now.astimezone(SHANGHAI).year
    prefix = PREFIX[step.kind]
    key = f"{prefix}〔{year}〕"
    LetterCounter.objects.bulk_create([LetterCounter(key=key)], ignore_conflicts=True)
    counter = LetterCounter.objects.select_for_update().get(key=key)
    counter.value += 1
    counter.save(update_fields=["value"])
    seq = counter.value
    unit = case.lead_unit.name if case.lead_unit else ""
    # every letter is signed by the organ that issues it, at its foot (GB/T 9704 发文机关署名);
    # the date under it is the letter page's
    text = _quality_body(case, step, unit=unit, fault=fault, policy=policy) if fault else _body(
        case, step, unit=unit, overdue_days=overdue_days, policy=policy)
    body = f"{text}\n\n{issuing_organ()}"
    return Letter.objects.create(
        case=case, kind=step.kind, title=step.letter, number=f"{prefix}〔{year}〕{seq}号", unit_name=unit,
        body=body, state=LetterState.DRAFT if step.needs_leader else LetterState.ISSUED, created_at=now,
        issued_at=None if step.needs_leader else now,
    )


def issue_approved(applied: Applied) -> None:
    """The leader's approval (approve_bulletin) issues the draft letter it names, inside the
    action's transaction: the letter is issued if and only if the case records the approval."""
    letter = Letter.objects.select_for_update().filter(pk=applied.data["letter"], case=applied.case).first()
    if letter is None:
        raise RuleViolation("该留言没有这份文书。")
    if letter.state != LetterState.DRAFT:
        raise AlreadyIssued(f"{letter.number} 已{letter.get_state_display()}。")
    letter.state, letter.approved_by, letter.issued_at = LetterState.ISSUED, applied.actor, applied.at
    letter.save(update_fields=["state", "approved_by", "issued_at"])


def refuse_drafted(applied: Applied) -> None:
    """The leader's refusal (refuse_bulletin) sets the draft letter aside with the reason, inside the
    action's transaction: a refused letter is never issued, and the case records who refused it."""
    letter = Letter.objects.select_for_update().filter(pk=applied.data["letter"], case=applied.case).first()
    if letter is None:
        raise RuleViolation("该留言没有这份文书。")
    if letter.state != LetterState.DRAFT:
        raise AlreadyIssued(f"{letter.number} 已{letter.get_state_display()}，不能再审批。")
    letter.state, letter.refusal = LetterState.REFUSED, applied.data["reason"]
    letter.save(update_fields=["state", "refusal"])


def issuing_organ() -> str:
    """The organ that issues the ladder's letters: the center (the unit tree's top, level CENTER)."""
    center = Unit.objects.filter(level=Level.CENTER).order_by("path").first()
    return center.name if center else "网民留言办理中心"


CHINESE_COUNT = "零一两三四五六七八九十"


def _why_criticised(case, step) -> str:
    """Only what is true of this case under its policy: the prompts it really had (Naiman has
    no 催办 before its criticism) and the missing reason only where an explained delay spares it."""
    n = case.prompts
    said = f"经{CHINESE_COUNT[n] if n <= 10 else n}次提醒、催办仍未办结" if n else "逾期仍未办结"
    return said + ("且未说明理由" if step.unless_explained else "")


def _quality_body(case, step, *, unit: str, fault: str, policy) -> str:
    """A letter for what the answer was, not for lateness (Tongliao 第十九条, Naiman 第十八条,
    Yuncheng 五(四), Chizhou 第九条(四))."""
    facts = f"网民留言《{unit_subject(case)}》（登记编号 {case.reg_no}）的答复经审核认定为{fault}，已退回重新办理。"
    if step.kind == "transfer":
        return (f"{policy.escalation.transfer_to}：\n    {unit}承办的{facts}现经领导批示同意，移交你单位按程序进行问责。")
    if step.kind == "criticise":
        return f"关于对{unit}的通报批评（草稿）\n    {unit}承办的{facts}予以通报批评。"
    if step.kind == "supervise":
        return f"{unit}：\n    {facts}现予书面督办，请主要负责同志亲自督促，认真办理并重新报送答复。"
    return f"{unit}：\n    {facts}请接此通知后认真核实办理，按期重新报送答复意见。"


def _body(case, step, *, unit: str, overdue_days: int, policy) -> str:
    due = deadline_text(case.due_at) if case.due_at else "（未计时）"
    facts = f"网民留言《{unit_subject(case)}》（登记编号 {case.reg_no}）办理期限为 {due}，现已逾期 {overdue_days} 个工作日。"
    if step.kind == "urge":
        return f"{unit}：\n    {facts}请接此通知后立即办理，及时报送答复意见；不能办结的，请书面说明理由。"
    if step.kind == "supervise":
        return f"{unit}：\n    {facts}现予书面督办，请主要负责同志亲自督促，限期办结并反馈办理结果。"
    if step.kind == "transfer":
        return (f"{policy.escalation.transfer_to}：\n    {unit}承办的{facts}经提醒、催办、督办仍未办理，"
                f"现将有关情况移交你单位依规处理。")
    if step.kind == "criticise":
        return f"关于对{unit}的通报批评（草稿）\n    {unit}承办的{facts}{_why_criticised(case, step)}，予以通报批评。"
    return f"{unit}：\n    {facts}经督办仍未办结，请按程序研究追究责任。"

