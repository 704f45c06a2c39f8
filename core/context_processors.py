from django.conf import settings

from core.roles import Language, Role, is_casework


def village(request):
    user = getattr(request, "user", None)
    roles = user.roles if user is not None and user.is_authenticated else frozenset()
    return {
        "program_name": settings.PROGRAM_NAME,
        "demo_mode": settings.DEMO_MODE,
        "languages": Language.choices,
        "is_casework_staff": is_casework(user),
        "is_director": Role.DIRECTOR in roles,
        "is_finance_staff": Role.FINANCE in roles,
        "is_birth_parent": Role.BIRTH_PARENT in roles,
        "is_in_partnerships": bool(
            roles & {Role.DIRECTOR, Role.COACH, Role.BIRTH_PARENT, Role.PARTNER_PARENT}
        ),
    }
