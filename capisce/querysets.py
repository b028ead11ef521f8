from django.db import models


class LearnerQuerySet(models.QuerySet):
    """Rows that belong to one learner: the only way views read learners' data."""

    def for_learner(self, learner):
        return self.filter(learner=learner)
