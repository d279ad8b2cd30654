class DomainError(Exception):
    """A refusal a user can act on: a stable code for programs, a translated message for people.

    Services raise it; views turn it into a form error or a 4xx answer, never a 500.
    """

    code = "invalid"

    def __init__(self, message, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self):
        return str(self.message)
