from django.apps import AppConfig

from modules import signals


class ModulesConfig(AppConfig):
    name = "modules"
    verbose_name = "Courses and modules"

    def ready(self):
        signals.connect()
