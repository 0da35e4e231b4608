"""Posting the case page's forms as a signed-in user, as the browser does."""
from minpan.cases.models import Case


def act(client, user, case, action, **fields):
    client.force_login(user)
    data = {f"{action}-{k}": v for k, v in fields.items()}
    resp = client.post(f"/desk/case/{case.pk}/do/{action}/", data)
    return resp


def state(case) -> str:
    return Case.objects.values_list("state", flat=True).get(pk=case.pk)
