from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_bidi, get_language_info


def shell(request):
    """What the page shell needs: the language switcher and the quick-exit target."""
    current = get_language()
    path = request.get_full_path()
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        languages.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": translate_url(path, code),
                "current": code == current,
            }
        )
    return {
        "shell_languages": languages,
        "shell_dir": "rtl" if get_language_bidi() else "ltr",
        "quick_exit_url": settings.QUICK_EXIT_URL,
    }
