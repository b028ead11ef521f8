"""The load generator of `make bench-peer` and `make bench-load`: it loads this machine only,
and reads forms as a person sees them (a choice by its label)."""

import pytest

from benchmarks import loadgen


@pytest.mark.parametrize(
    "address",
    ["http://10.0.0.5:8000", "http://192.168.1.2", "http://example.org", "https://127.0.0.1"],
)
def test_the_load_goes_to_this_machine_only(address):
    with pytest.raises(ValueError, match="this machine only"):
        loadgen.Browser(address)
    with pytest.raises(ValueError, match="this machine only"):
        loadgen.Browser("http://127.0.0.1:8000", servers=[address])


def test_loopback_addresses_are_this_machine():
    for address in ("http://127.0.0.1:8000", "http://127.0.5.9:1", "http://localhost:80"):
        assert loadgen.Browser(address).host in {"127.0.0.1", "127.0.5.9", "localhost"}


def test_a_link_to_another_site_is_not_followed():
    browser = loadgen.Browser("http://127.0.0.1:8000")
    with pytest.raises(ValueError, match="is not on"):
        browser.get("http://127.0.0.1:9000/elsewhere/")


HTML = """
<form method="post" action="/course/module/quiz/7/">
  <input type="hidden" name="csrfmiddlewaretoken" value="abc">
  <input type="hidden" name="token" value="t0k3n">
  <fieldset>
    <div><input type="radio" name="f1" value="v1" id="a"> <label for="a">The child</label></div>
    <div><input type="radio" name="f1" value="v2" id="b"> <label for="b">Nobody</label></div>
  </fieldset>
  <textarea name="note"></textarea>
  <button type="submit">Submit</button>
</form>
<form method="post" action="/practice/consent/"><input type="hidden" name="next" value="/x/"></form>
"""


def test_a_form_is_read_with_its_fields_and_the_labels_of_its_choices():
    form = loadgen.form_with(HTML, "quiz/7/")
    assert form.method == "post"
    assert form.fields == [("csrfmiddlewaretoken", "abc"), ("token", "t0k3n"), ("note", "")]
    assert form.options == {"f1": [("v1", "The child"), ("v2", "Nobody")]}
    assert loadgen.form_with(HTML, "/practice/consent/").fields == [("next", "/x/")]
    assert loadgen.form_with(HTML, "/nowhere/") is None
    assert loadgen.hidden(HTML, "token") == "t0k3n"


def test_percentiles_of_latencies_in_milliseconds():
    p50, p95, p99 = loadgen.percentiles([n / 1000 for n in range(1, 101)])
    assert (round(p50), round(p95), round(p99)) == (50, 95, 99)
    assert loadgen.percentiles([]) == (None, None, None)
