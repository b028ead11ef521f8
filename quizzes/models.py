"""Quizzes: snippets placed in a module's body, scored on the server (see the quizzes issue)."""
