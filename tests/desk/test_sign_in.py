import time_machine

from minpan.desk.models import SignInLock
from tests.flow import at

PASSWORD = "correct-horse-battery"


def _post(client, username="handler", password=PASSWORD, ip="10.0.0.8"):
    return client.post("/desk/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_staff_sign_in_and_land_on_their_home(client, city):
    resp = _post(client)
    assert resp.status_code == 302 and resp["Location"] == "/desk/"
    home = client.get("/desk/")
    assert home.status_code == 200
    text = home.content.decode()
    assert "承办经办人" in text and "待认领" in text
    assert "待初审" not in text  # the operator's queue is not on a unit's home


def test_wrong_password_says_how_many_tries_are_left(client, city):
    resp = _post(client, password="wrong")
    assert resp.status_code == 400
    assert "用户名或密码不正确。再错 4 次" in resp.content.decode()


def test_five_failures_lock_the_account_on_that_machine_for_15_minutes(client, city):
    with time_machine.travel(at("2026-03-02 09:00"), tick=False):
        for _ in range(5):
            resp = _post(client, password="wrong")
        assert resp.status_code == 429
        assert "已被锁定" in resp.content.decode()
        # even the right password is refused while locked
        assert _post(client).status_code == 429
        # another machine is not locked out
        assert _post(client, ip="10.0.0.9").status_code == 302
    with time_machine.travel(at("2026-03-02 09:16"), tick=False):
        assert _post(client).status_code == 302
    assert not SignInLock.objects.filter(username="handler", ip_address="10.0.0.8").exists()


def test_a_failure_after_the_lock_ran_out_starts_counting_again(client, city):
    with time_machine.travel(at("2026-03-02 09:00"), tick=False):
        for _ in range(5):
            _post(client, password="wrong")
    with time_machine.travel(at("2026-03-02 09:20"), tick=False):
        resp = _post(client, password="wrong")
    assert "再错 4 次" in resp.content.decode()


def test_a_right_password_clears_the_count(client, city):
    for _ in range(4):
        _post(client, password="wrong")
    assert _post(client).status_code == 302
    client.post("/desk/logout/")
    assert "再错 4 次" in _post(client, password="wrong").content.decode()


def test_pages_need_sign_in(client, city):
    resp = client.get("/desk/q/claim/")
    assert resp.status_code == 302 and resp["Location"].startswith("/desk/login/?next=")


def test_sign_out(client, city):
    client.force_login(city.handler)
    assert client.post("/desk/logout/").status_code == 302
    assert client.get("/desk/").status_code == 302
