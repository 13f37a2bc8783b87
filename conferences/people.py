"""How people are named on pages, in messages and in documents."""


def display_name(user) -> str:
    """Vietnamese order, family name first ('Nguyễn Thu Hà'); the username when no name is recorded."""
    if user is None:
        return ""
    return " ".join(part for part in (user.last_name, user.first_name) if part) or user.get_username()
