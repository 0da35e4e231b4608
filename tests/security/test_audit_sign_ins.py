"""Every way in is on the audit trail: sign-in, a wrong password and sign-out, at the desk and in
the admin, with the address the client came from."""
from minpan.audit.models import AuditEntry


def trail(**kw):
    return list(AuditEntry.objects.filter(**kw).order_by("id").values("action", "result", "who", "user_id", "address", "detail"))


def test_a_desk_sign_in_a_wrong_password_and_the_sign_out_are_recorded(client, city):
    client.post("/desk/login/", {"username": "handler", "password": "wrong-password-1"})
    client.post("/desk/login/", {"username": "handler", "password": "correct-horse-battery"})
    client.post("/desk/logout/")
    assert trail() == [
        {"action": "sign_in", "result": "failed", "who": "handler", "user_id": None, "address": "127.0.0.1", "detail": "desk:login"},
        {"action": "sign_in", "result": "allowed", "who": "handler", "user_id": city.handler.pk, "address": "127.0.0.1", "detail": "desk:login"},
        {"action": "sign_out", "result": "allowed", "who": "handler", "user_id": city.handler.pk, "address": "127.0.0.1", "detail": "desk:logout"},
    ]


def test_the_entry_keeps_the_role_and_the_display_name(client, city):
    city.operator.first_name, city.operator.last_name = "晓", "李"
    city.operator.save()
    client.post("/desk/login/", {"username": "operator", "password": "correct-horse-battery"})
    entry = AuditEntry.objects.get()
    assert (entry.who, entry.role) == ("晓 李", "center_operator")  # Django's get_full_name(): first, then last


def test_a_wrong_password_in_the_admin_is_recorded_too(client, city, admin_user):
    client.post("/admin/login/?next=/admin/", {"username": "admin", "password": "not-the-password"})
    [entry] = trail()
    assert entry["action"] == "sign_in" and entry["result"] == "failed" and entry["who"] == "admin"
    assert entry["detail"] == "admin:login"


def test_no_password_is_ever_written_to_the_trail(client, city):
    client.post("/desk/login/", {"username": "handler", "password": "my-secret-pass-42"})
    assert not AuditEntry.objects.filter(detail__contains="secret").exists()
    assert "my-secret-pass-42" not in str(trail())


def test_behind_the_trusted_proxy_the_clients_address_is_recorded(client, city, settings):
    settings.MINPAN_TRUSTED_PROXY_HEADER = "HTTP_X_REAL_IP"
    client.post("/desk/login/", {"username": "handler", "password": "correct-horse-battery"}, HTTP_X_REAL_IP="203.0.113.7")
    assert trail()[0]["address"] == "203.0.113.7"


def test_without_a_trusted_proxy_a_forwarded_header_is_not_believed(client, city):
    client.post("/desk/login/", {"username": "handler", "password": "correct-horse-battery"}, HTTP_X_REAL_IP="203.0.113.7")
    assert trail()[0]["address"] == "127.0.0.1"
