"""Currencies partners may report in: the ISO 4217 list as pycountry ships it."""

import pycountry

# Codes that are not money a partner spends: precious metals, testing, "no currency", SDR.
NOT_SPENDABLE = frozenset({"XAG", "XAU", "XPD", "XPT", "XTS", "XXX", "XDR", "XSU", "XUA"})
ISO_4217 = frozenset(
    currency.alpha_3
    for currency in pycountry.currencies
    if currency.alpha_3 not in NOT_SPENDABLE and not currency.alpha_3.startswith("XB")
)


def normalise(code: str) -> str | None:
    """The upper-case ISO 4217 code, or None when ``code`` is not one partners may use."""
    code = (code or "").strip().upper()
    return code if code in ISO_4217 else None


def choices() -> list[tuple[str, str]]:
    """(code, "code – name") pairs for a select, sorted by code."""
    return sorted(
        (currency.alpha_3, f"{currency.alpha_3} – {currency.name}")
        for currency in pycountry.currencies
        if currency.alpha_3 in ISO_4217
    )
