"""The admin speaks Chinese: django-tasks' English-labelled result rows are not shown."""


def test_the_admin_index_has_no_english_task_rows(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "Task Results" not in page and "Tasks Database Backend" not in page
    assert admin_client.get("/admin/django_tasks_database/dbtaskresult/").status_code == 404
