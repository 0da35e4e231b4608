def inbox(request):
    """`unread_notifications` for the header of every staff page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .inbox import unread_count

    return {"unread_notifications": unread_count(user)}
