"""debatekit: a structured-debate teaching kit; a course's texts become a book to debate them with."""

__version__ = "0.1.0"
