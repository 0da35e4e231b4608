"""One single-threaded WSGI server for either project (run with that project's Python and
DJANGO_SETTINGS_MODULE): each response carries X-Queries, the number of SQL statements the
request ran, so that the side-by-side counts both systems' queries the same way.

    python serve.py PORT
"""
import os
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server

sys.path.insert(0, os.getcwd())

import django  # noqa: E402

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402

app = get_wsgi_application()


def counting(environ, start_response):
    count = [0]

    def wrapper(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    def start(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Queries", str(count[0]))], exc_info)

    with connection.execute_wrapper(wrapper):
        body = b"".join(app(environ, lambda status, headers, exc_info=None: captured.append((status, headers, exc_info)) or (lambda data: None)))
    status, headers, exc_info = captured.pop()
    start(status, headers, exc_info)
    return [body]


captured: list = []


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


if __name__ == "__main__":
    make_server("127.0.0.1", int(sys.argv[1]), counting, handler_class=Quiet).serve_forever()
