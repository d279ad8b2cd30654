"""The content languages a programme can enable, and which of them are written right-to-left.

These are content languages (toolbox text), independent of ``settings.LANGUAGES`` (the UI).
"""

from django.utils.translation import gettext_lazy as _

CONTENT_LANGUAGES = [
    ("bg", _("Bulgarian")),
    ("cs", _("Czech")),
    ("da", _("Danish")),
    ("de", _("German")),
    ("el", _("Greek")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("et", _("Estonian")),
    ("fi", _("Finnish")),
    ("fr", _("French")),
    ("ga", _("Irish")),
    ("hr", _("Croatian")),
    ("hu", _("Hungarian")),
    ("it", _("Italian")),
    ("lt", _("Lithuanian")),
    ("lv", _("Latvian")),
    ("mt", _("Maltese")),
    ("nl", _("Dutch")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("sk", _("Slovak")),
    ("sl", _("Slovenian")),
    ("sv", _("Swedish")),
    ("ar", _("Arabic")),
    ("prs", _("Dari")),
    ("fa", _("Farsi")),
    ("ps", _("Pashto")),
    ("ti", _("Tigrinya")),
    ("so", _("Somali")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
]
CODES = frozenset(code for code, _name in CONTENT_LANGUAGES)
RTL = frozenset({"ar", "fa", "prs", "ps"})

# Each language's name in itself, as its speakers look for it in a list (never translated).
NATIVE_NAMES = {
    "bg": "български",
    "cs": "čeština",
    "da": "dansk",
    "de": "Deutsch",
    "el": "Ελληνικά",
    "en": "English",
    "es": "español",
    "et": "eesti",
    "fi": "suomi",
    "fr": "français",
    "ga": "Gaeilge",
    "hr": "hrvatski",
    "hu": "magyar",
    "it": "italiano",
    "lt": "lietuvių",
    "lv": "latviešu",
    "mt": "Malti",
    "nl": "Nederlands",
    "pl": "polski",
    "pt": "português",
    "ro": "română",
    "sk": "slovenčina",
    "sl": "slovenščina",
    "sv": "svenska",
    "ar": "العربية",
    "prs": "دری",
    "fa": "فارسی",
    "ps": "پښتو",
    "ti": "ትግርኛ",
    "so": "Soomaali",
    "tr": "Türkçe",
    "uk": "українська",
    "ru": "русский",
}


def direction(language: str) -> str:
    return "rtl" if language in RTL else "ltr"


def native_name(language: str) -> str:
    return NATIVE_NAMES.get(language, language)
