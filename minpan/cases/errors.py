class CaseError(Exception):
    """A request the rules refuse. The message is for the person who asked, in Chinese."""


class IllegalTransition(CaseError):
    def __init__(self, case, state_label: str, action_label: str, detail: str = ""):
        self.case = case
        msg = f"{case.reference} 当前状态为“{state_label}”，不能执行“{action_label}”"
        super().__init__(msg + (f"：{detail}" if detail else "。"))


class NotPermitted(CaseError):
    """The actor's role or unit may not take this action on this case."""


class RuleViolation(CaseError):
    """The policy forbids it (window passed, cap reached, field missing)."""
