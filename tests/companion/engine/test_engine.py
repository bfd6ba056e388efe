"""The core categories end to end through the engine, with spans on the right words."""


def test_pupil_full_name_possessive_accents_and_hashtag(check):
    assert check("Well done Oliver Bennett!")["pupil_reference"] == ["Oliver Bennett"]
    assert check("So proud of ollie bennett's goal")["pupil_reference"] == ["ollie bennett's"]
    assert check("Star of the week: #OliverBennett")["pupil_reference"] == ["OliverBennett"]
    assert check("Zoe O’Connor Smith was brilliant")["pupil_reference"] == ["Zoe O’Connor Smith"]
    assert check("zoë o'connor - smith again")["pupil_reference"] == ["zoë o'connor - smith"]
    assert check("ISLA O'CONNORS mum said hi")["pupil_reference"] == ["ISLA O'CONNORS"]
    assert check("Mary Jane Watson and Mary Watson")["pupil_reference"] == ["Mary Jane Watson", "Mary Watson"]


def test_a_first_name_alone_is_not_a_pupil_reference(check):
    assert "pupil_reference" not in check("My daughter Grace loved her party, and Oliver the cat slept")
    assert "pupil_reference" not in check("Bennett is a common surname")


def test_names_that_are_ordinary_words_need_capitals(check):
    assert check("Grace Hope won the race")["pupil_reference"] == ["Grace Hope"]
    assert "pupil_reference" not in check("amazing grace hope you all enjoy the concert")


def test_pupil_names_in_emoji_heavy_text_have_code_point_spans(companion):
    text = "🎉🎉 Well done Harry Patel 👏"
    finding = companion.check({"text": text})["findings"][0]
    span = finding["spans"][0]
    assert text[span["start"]:span["end"]] == "Harry Patel"


def test_colleague_by_full_name_or_title_and_surname(check):
    assert check("Lunch with Janet Holloway")["colleague_reference"] == ["Janet Holloway"]
    assert check("Thanks Mrs Holloway and Dr. Sharma-Lewis")["colleague_reference"] == ["Mrs Holloway", "Dr. Sharma-Lewis"]
    assert "colleague_reference" not in check("Mr Smith from the garage fixed my car")


def test_colleague_title_and_surname_written_loosely(check):
    """A title joined to the surname as a tag or handle, a possessive without its apostrophe."""
    assert check("Huge thanks to #MrsHolloway and @mr_rees")["colleague_reference"] == ["MrsHolloway", "mr_rees"]
    assert check("Mrs Holloways leaving do was lovely")["colleague_reference"] == ["Mrs Holloways"]
    assert "colleague_reference" not in check("mrsholloway is my old username")  # running text, no tag or capital


def test_school_identity_in_all_its_forms(check):
    for text, words in [
        ("Proud to teach at The Crypt School", ["The Crypt School"]),
        ("crypt school sports day", ["crypt school"]),
        ("Go @CryptSchool!", ["@CryptSchool"]),
        ("#cryptfamily #TheCryptSchool", ["#cryptfamily", "#TheCryptSchool"]),
        ("see https://www.cryptschool.example/news", ["https://www.cryptschool.example/news"]),
        ("Crypt-School.  (#cryptschool) and cryptschool.example", ["Crypt-School", "#cryptschool", "cryptschool.example"]),
        ("mail.cryptschool.example/the-crypt-school", ["mail.cryptschool.example/the-crypt-school"]),  # one span, not two
    ]:
        assert check(text)["school_reference"] == words, text


def test_the_crypt_of_a_cathedral_is_not_the_school(check):
    assert check("Visited the crypt at Gloucester Cathedral, then crypto news") == {}
    assert check("#crypt school trip to @crypt") == {}  # a tag must be the squeezed name, not its first word


def test_disclaimer_in_post_or_bio_stops_missing_disclaimer(check):
    text = "Great results day at The Crypt School"
    assert set(check(text)) == {"school_reference", "missing_disclaimer"}
    assert set(check(text + ". Views are my own")) == {"school_reference"}
    assert set(check(text, account={"kind": "personal", "bio": "Teacher. Opinions my own."})) == {"school_reference"}
    assert set(check("Diwrnod gwych yn Crypt School heddiw, barn fy hun")) == {"school_reference"}


def test_school_accounts_need_no_disclaimer(check):
    assert check("Great results day at The Crypt School", account={"kind": "school"}) == {}


def test_work_email_in_login_and_posts_but_not_lookalikes(check):
    assert check("jo.smith@cryptschool.example", context="login")["work_email"] == ["jo.smith@cryptschool.example"]
    assert check("  JO@Staff.CryptSchool.Example  ", context="signup")["work_email"] == ["JO@Staff.CryptSchool.Example"]
    assert check("jo @ cryptschool.example", context="login")["work_email"] == ["jo @ cryptschool.example"]
    assert check("jo@cryptschool.example.evil.net", context="login") == {}
    assert check("jo@notcryptschool.example", context="login") == {}
    assert check("jo@gmail.com", context="signup") == {}
    assert check("email me at jo@cryptschool.example")["work_email"] == ["jo@cryptschool.example"]


def test_login_context_checks_only_the_address(check):
    assert check("Oliver Bennett", context="login") == {}


def test_html_is_checked_and_its_text_returned(companion):
    response = companion.check({"html": "<p><span>Hi </span><b>Oliver</b> Bennett</p><p>#CryptSchool</p>"})
    assert response["text"] == "Hi Oliver Bennett\n#CryptSchool"
    spans = {f["category"]: f["spans"] for f in response["findings"]}
    assert spans["pupil_reference"] == [{"start": 3, "end": 17}]
    assert spans["school_reference"] == [{"start": 18, "end": 30}]


def test_unknown_context_and_site_are_checked_as_a_post(check):
    assert "pupil_reference" in check("Well done Oliver Bennett", context="story", site="mastodon.social")


def test_switched_off_categories_do_not_warn_but_locked_ones_do(companion, check):
    companion.update_settings({"school_reference": False})
    assert "school_reference" not in check("Proud of @CryptSchool")
    assert "pupil_reference" in check("Well done Oliver Bennett")


def test_response_names_the_language(companion):
    response = companion.check({"text": "Llongyfarchiadau i bawb ym Mlwyddyn 7 ar eu gwaith caled heddiw, da iawn chi"})
    assert response["language"] == "cy"


def test_without_a_roster_names_are_not_known(home):
    from companion.service import Companion

    service = Companion(home=home)
    assert service.check({"text": "Well done Oliver Bennett"})["findings"] == []
    service.close()


def test_pilot_mode_counts_warnings_but_shows_none(home, tmp_path):
    from companion.service import Companion

    school = tmp_path / "school.toml"
    school.write_text('[school]\nname = "The Crypt School"\n\n[policy]\npilot_until = 2099-01-31\n')
    service = Companion(home=home, school_file=school)
    response = service.check({"text": "Proud of The Crypt School"})
    assert response["findings"] == [] and response["pilot"] is True
    assert {row[1] for row in service.store.counts()} == {"school_reference", "missing_disclaimer"}
    assert service.status()["pilot"] is True
    service.close()


def test_status_gives_counts_and_sizes_but_no_names(companion):
    companion.check({"text": "Well done Oliver Bennett"})
    status = companion.status()
    assert status["rosters"] == {"pupils": 6, "staff": 3}
    (week,) = status["weekly_counts"].values()
    assert week == {"pupil_reference": {"warning": 1}}
    assert "Oliver" not in str(status) and status["school"] == "The Crypt School"


def test_a_repeated_request_is_answered_from_memory_until_something_changes(companion, check):
    text = "Proud of @CryptSchool"
    assert set(check(text)) == {"school_reference", "missing_disclaimer"}
    assert set(check(text)) == {"school_reference", "missing_disclaimer"}  # remembered
    companion.update_settings({"school_reference": False})
    assert check(text) == {}  # toggles are part of the key (the disclaimer needs the school named)
    companion.update_settings({"school_reference": True})
    lesson = check("Lovely sunny day", now="2026-11-24T10:15:00")
    assert "lesson_time" in lesson
    assert "lesson_time" not in check("Lovely sunny day", now="2026-11-24T11:10:00")  # break: a new answer


def test_the_lesson_time_message_names_the_minute_even_when_remembered(companion):
    first = companion.check({"text": "Lovely sunny day", "now": "2026-11-24T10:15:00"})
    second = companion.check({"text": "Lovely sunny day", "now": "2026-11-24T10:16:00"})
    message = lambda r: [f["message"] for f in r["findings"] if f["category"] == "lesson_time"]  # noqa: E731
    assert "10:15" in message(first)[0] and "10:16" in message(second)[0]


def test_a_new_roster_is_used_at_once(companion, tmp_path):
    from companion.roster.importer import import_roster

    assert companion.check({"text": "Well done Cara Lee"})["findings"] == []
    csv = tmp_path / "pupils.csv"
    csv.write_text("Forename,Surname\nCara,Lee\n")
    import_roster(companion.store, "pupils", csv, companion.secrets.roster_key())
    companion.refresh_rosters(force=True)
    assert [f["category"] for f in companion.check({"text": "Well done Cara Lee"})["findings"]] == ["pupil_reference"]
