"""Trainers import glossary terms from a CSV file in the admin (the glossary's CSV shape)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.permission_policies import ModelPermissionPolicy

from modules.glossary.exchange import GlossaryFileError, read_csv
from modules.glossary.languages import site_languages
from modules.glossary.services import GlossaryImportRefused, glossary_import
from modules.models import CoursePage, GlossaryTerm

TERMS = ModelPermissionPolicy(GlossaryTerm)
MAX_BYTES = 2 * 1024 * 1024


class GlossaryUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "In the shape of the glossary's CSV download, UTF-8, at most 2 MB. A file with a "
            "problem imports nothing."
        ),
    )
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course"),
        queryset=CoursePage.objects.order_by("title"),
        required=False,
        empty_label=gettext_lazy("Every course"),
        help_text=gettext_lazy("The course whose glossary gets the new terms."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None


def glossary_upload(request, index_url_name):
    if not TERMS.user_has_permission(request.user, "add"):
        raise PermissionDenied
    form = GlossaryUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        languages = site_languages()
        try:
            concepts = read_csv(form.cleaned_data["file"], list(languages), names=languages)
            report = glossary_import(concepts=concepts, course=form.cleaned_data["course"])
        except (GlossaryFileError, GlossaryImportRefused) as refusal:
            problems = refusal.problems
        else:
            messages.success(
                request,
                _(
                    "Glossary imported: %(created)s new concepts, %(updated)s updated, "
                    "%(added)s translations added."
                )
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "added": report.translations_added,
                },
            )
            return redirect(index_url_name)
    return TemplateResponse(
        request,
        "modules/admin/glossary_import.html",
        {
            "form": form,
            "problems": problems,
            "header_title": _("Import glossary terms"),
            "index_url_name": index_url_name,
        },
    )
