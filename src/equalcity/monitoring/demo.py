"""Demo data of this app, loaded by `equalcity load_demo` after the programme."""


def load_demo(*, programme) -> None:
    return None
