"""The audit trail: who did what to which record, when, from where, and with what result.

Sign-ins and sign-outs (Django's auth signals), refusals (a 403 page, or a 404 raised on an
object the user may not see), views of citizen data and exports (by route, in the middleware),
and the core's dispatch, reply and publish actions (hooks, after commit). Rows are only ever
added: the admin is read-only and, on PostgreSQL, a trigger refuses UPDATE and DELETE except
the worker's pruning of entries past the keep period (MINPAN_AUDIT_KEEP_DAYS).
"""
