def inbox(request):
    """`unread_notifications` for the header of every staff page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from django.utils import timezone

    from minpan.units.people import roles_of
    from minpan.units.roles import CENTER_ROLES, STAFF_ROLES, Role
    from minpan.workdays.arith import local_date
    from minpan.workdays.service import next_year_missing

    from .inbox import unread_count

    roles = roles_of(user)
    # the header offers the center's pages (督办, 热点问题, 渠道对账) only to whom they open
    # the case page counted already (inbox.open_case)
    unread = getattr(request, "minpan_unread", None)
    context = {"unread_notifications": unread_count(user) if unread is None else unread, "center_staff": bool(roles & CENTER_ROLES),
               "staff": bool(roles & STAFF_ROLES)}  # 知识库: every staff member
    if Role.ADMIN in roles:
        context["calendar_missing"] = next_year_missing(local_date(timezone.now()))
    return context
