from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "minpan.notify"
    verbose_name = "催办与通知"

    def ready(self) -> None:
        from minpan.cases import hooks
        from minpan.cases.states import Action

        from . import letters, listeners, quality, special_handling, writer_listeners

        hooks.listen(Action.MERGE, listeners.tell_writer_merged)
        hooks.listen(Action.UNMERGE, listeners.tell_writer_unmerged)
        for action, fn in {**listeners.HANDOFFS, **special_handling.HANDOFFS}.items():
            hooks.listen(action, fn)
        # a dispatch may ask for 法制审核 at once (Chizhou 第九条(五)): the unit's leaders are told
        hooks.listen(Action.DISPATCH, listeners.legal_review_asked)
        # a send-back for a fault the policy names starts its ladder at once
        hooks.listen(Action.SEND_BACK, quality.fault_found)
        # in the approval's transaction: the letter is issued exactly when the case records it
        hooks.contribute(Action.APPROVE_BULLETIN, letters.issue_approved)
        hooks.contribute(Action.REFUSE_BULLETIN, letters.refuse_drafted)
        writer_listeners.register()  # the writer is told: accepted, not accepted, extended, published, called back
