"""Each category on posts written the way staff write them, and on the ordinary posts that
must stay quiet. These examples are our own, not the corpus's."""

from __future__ import annotations


import pytest

from companion.evaluation import Evaluator
from conftest import DATA

SATURDAY = "2026-11-21T11:00:00"

FIRES = {
    "pupil_reference": [
        "My Year 9s were brilliant today", "yr 7 parents evening tonight", "Y11 mocks start Monday",
        "year nine are on a trip", "#Year11 you legends", "Teaching 10B tomorrow", "8R made me laugh",
        "Harry in 9C asked me a question", "my tutor group won the quiz", "My GCSE group are ready",
        "A-level class were lovely today", "the sixth formers organised it", "two of my pupils argued",
        "the kids in my class made cards", "a kid in my form is moving away", "the kids at school were hyper",
        "Llongyfarchiadau i ddisgyblion Blwyddyn 7", "Diolch i'r dosbarth 10B", "LLONGYFARCHIADAU i Flwyddyn 9",
        "I've taught thousands of students over the years at this school", "all my form groups over the years",
        "Oliver Bennett scored", "grace hope was a star in rehearsals",
    ],
    "colleague_reference": [
        "My head of department bought doughnuts", "SLT were in the canteen", "my colleagues are the best",
        "The head popped into my lesson", "our deputy head sang karaoke", "my line manager signed it off",
        "Mrs Holloway's cake", "Janet Holloway retires today", "Diolch i fy nghydweithwyr",
        "the leadership at my school have changed the policy again", "the maths teacher next door is hilarious",
        "staff morale is at rock bottom",
    ],
    "criticism": [
        "Management at my school are useless", "This school is a shambles", "Worst head of department ever",
        "Year 10 are the laziest group I've taught", "the parents at my school are a nightmare",
        "SLT haven't got a clue", "our head is a bully", "the leadership here is a joke",
        "this place is badly run and going downhill", "the school treats staff like dirt",
        "Mae'r ysgol hon yn llanast llwyr", "Mae'r pennaeth yn anobeithiol", "8C are feral",
        "the governors are completely out of touch", "Mrs Holloway is two-faced",
    ],
    "offensive_language": [
        "what a f*cking week", "sh1t day", "f u c k mondays", "FUCK this", "what a twat", "Diwrnod ffycin gwael",
        "Immigrants are ruining this country", "Women shouldn't be allowed to teach physics",
        "gays are disgusting", "homosexuality is unnatural", "islam is a sick religion", "go home you lot",
        "that ref was so retarded", "I'll run him over", "I swear I'll kill him", "he deserves a good slap",
        "muslims are all terrorists", "trans people are mentally ill",
    ],
    "personal_data": [
        "ring 07700 900123", "call +44 7700 900789", "landline 01452 523817", "(01452) 523817",
        "email kate.m.sanders@gmail.com", "Party at 14 Kingsholm Road", "GL1 3AX", "DOB 12/03/2012",
        "born on 3 May 2008", "her date of birth is 4th September 2010", "UPN A123456789012",
        "dyddiad geni 12/03/2012",
    ],
    "confidential": [
        "Confidential: Ofsted next week", "Strictly between us, the head is leaving", "off the record...",
        "Keep it quiet but SLT are restructuring", "Don't tell anyone but 11Y smashed their results",
        "Cyfrinachol: arolwg Estyn", "Rhwng ni, mae'r pennaeth yn gadael", "a colleague has been suspended",
        "there's a safeguarding referral going in for a kid in my form",
    ],
    "reference_recommendation": [
        "I highly recommend Sam Jones for any teaching post", "Hire her! She's brilliant",
        "any schools hiring, snap him up", "look no further than Gareth", "I'd recommend Priya to any school",
        "any school would be lucky to have her", "She would be an asset to any department",
        "she'd make a brilliant head of year, hire her",
    ],
    "teaching_use": [
        "Year 10: essays due Friday", "Don't forget your homework", "Revision session moved to Tuesday",
        "coursework deadline is 5 December", "page 42, questions 1-6", "Blwyddyn 10: cofiwch eich gwaith cartref",
        "Essay title: How far was Elizabeth I successful?", "the deadline is still Friday, no extensions",
        "Reminder: test on Friday, revise chapters 3-5", "Sparx homework is due Wednesday",
        "Traethawd erbyn dydd Llun os gwelwch yn dda",
    ],
    "solicitation": [
        "Vote Labour on Thursday", "Please sign my petition", "Use code TEACHER10 for 10% off",
        "DM to order, £25 each", "Come and worship with us this Sunday", "Share this with 10 friends",
        "Earn £500 a week from home", "Join the march on Saturday", "Pleidleisiwch dros Plaid Cymru",
        "Our Alpha course starts Tuesday at St Mark's church, all welcome", "#VoteLabour",
        "Join my team and be your own boss",
    ],
    "speaking_for_school": [
        "On behalf of the school, thank you", "We at The Crypt School are delighted",
        "The school's official position is clear", "The Crypt School would like to apologise",
        "Ar ran yr ysgol, diolch", "Ar ran pawb yn yr ysgol, diolch yn fawr",
        "On behalf of all the staff and pupils, thank you for coming",
        "We are delighted to announce that our pupils have raised £2,000",
    ],
}

QUIET = [
    "Worst weekend ever, rain ruined the BBQ", "Charlie has eaten my slipper", "I hope everyone has a restful half term",
    "Green tea and the crossword", "HARRY STYLES TICKETS!!", "dentist at 10am Saturday", "my B12 is low",
    "the 4G network is awful", "Year of the Dragon", "Happy birthday to my Grace, 7 today", "pottery class tonight",
    "yoga class was brutal", "ran a 10K this morning", "Bought a 4K telly", "M5 closed between J11 and J12",
    "Just voted", "Anyone recommend a good plumber?", "Happy Diwali to everyone celebrating", "Rose gold or silver?",
    "Grace before meals at Nan's", "I will never understand people", "Brown sauce on a bacon sandwich",
    "the kids are finally asleep", "Took the kids to Slimbridge", "Year 2026 resolution: fewer biscuits",
    "Class of 2005 reunion tonight", "my back is 90 years old", "Noson wych yn y dosbarth ioga heno",
    "Penwythnos gwaethaf erioed", "It's 12C and sunny", "Under 12s football this morning", "rugby 7s at Twickenham today",
    "Tesco milk went up to 9p more", "hit me on the head with a ball", "Don't tell anyone but I ate the whole cake",
    "My OU essays are due Friday", "The staff at the restaurant were lovely", "It's a hit", "it's hit or miss",
    "I could kill for a coffee", "this cold is killing me", "Faggots and peas for tea", "My deadline is Friday",
    "The Thai place was great, recommend them", "Kill them with kindness", "women's football was brilliant",
    "Amazing grace hope you all enjoy the concert", "class of their own", "I'm going to smash this marathon",
    "the head of the queue was miles away", "Our team won 10-2 this morning", "Lovely service at St Mary's this morning",
    "I hope Wales win on Saturday", "My son's teacher is lovely", "Happy 40th to my husband Will",
]


@pytest.fixture(scope="module")
def check():
    """check("text", **fields) -> {category: [matched words, …]}, from one companion for the module
    (a temporary data directory with the test rosters, as `postguard eval` builds it)."""
    with Evaluator(DATA) as evaluator:
        def run(text: str, **fields) -> dict[str, list[str]]:
            response = evaluator.companion.check({"text": text, **fields})
            out: dict[str, list[str]] = {}
            for finding in response["findings"]:
                out.setdefault(finding["category"], []).extend(text[s["start"]:s["end"]] for s in finding["spans"])
            return out

        yield run


@pytest.mark.parametrize("category,text", [(c, t) for c, texts in FIRES.items() for t in texts])
def test_fires(check, category, text):
    found = check(text, now=SATURDAY)
    assert category in found, found


@pytest.mark.parametrize("text", QUIET)
def test_stays_quiet(check, text):
    assert check(text, now=SATURDAY) == {}


def test_pupil_image_needs_a_school_or_pupil_context(check):
    image = [{"type": "image", "name": "a.jpg"}]
    assert "pupil_image" in check("Year 7 sports day", attachments=image, now=SATURDAY)
    assert "pupil_image" in check("What a fab school trip to Bath", attachments=image, now=SATURDAY)
    assert "pupil_image" in check("Sports day photos!", attachments=image, now=SATURDAY)
    assert "pupil_image" not in check("Sunday roast done right", attachments=image, now=SATURDAY)
    assert "pupil_image" not in check("Took the kids to the beach", attachments=image, now=SATURDAY)
    assert "pupil_image" not in check("Year 7 sports day", now=SATURDAY)


def test_lesson_time_only_in_lessons_and_only_for_personal_accounts(check):
    assert "lesson_time" in check("Anyone watching the cricket?", now="2026-11-24T10:15:00")
    assert "lesson_time" in check("Morning all", now="2026-11-23T08:50:00")  # tutor period
    assert "lesson_time" not in check("Break time coffee", now="2026-11-24T11:10:00")
    assert "lesson_time" not in check("Weekend starts now", now="2026-11-27T15:10:00")  # end is exclusive
    assert "lesson_time" not in check("Parkrun done", now="2026-11-28T10:15:00")  # Saturday
    assert check("Notice to parents", account={"kind": "school"}, now="2026-11-24T10:15:00") == {}


def test_a_school_account_may_promote_the_schools_own_events_but_not_a_party(check):
    school = {"kind": "school"}
    concert = "Tickets for our Winter Concert are on sale now, link below! Raffle on the door."
    assert "solicitation" not in check(concert, account=school, now=SATURDAY)
    assert "solicitation" in check(concert, now=SATURDAY)
    assert "solicitation" in check("Vote Labour on Thursday!", account=school, now=SATURDAY)


def test_pupil_contact_for_pupils_on_the_roster_only(check):
    assert "pupil_contact" in check("Add friend", context="friend_request", recipient={"name": "Oliver Bennett"})
    assert "pupil_contact" in check("Follow", context="follow", recipient={"name": "zoe o'connor-smith"})
    assert "pupil_contact" in check("hey", context="message", recipient={"name": "Grace Hope"}, now=SATURDAY)
    assert "pupil_contact" in check("Isla O'Connor", context="friend_request")
    assert check("Add friend", context="friend_request", recipient={"name": "Janet Holloway"}) == {}
    assert check("Follow", context="follow", recipient={"name": "Gary Lineker"}) == {}


def test_profile_naming_the_school(check):
    assert set(check("Maths teacher at The Crypt School", context="profile")) == {"profile_mentions_school", "missing_disclaimer"}
    assert set(check("Head of English | @CryptSchool | Views my own", context="profile")) == {"profile_mentions_school"}
    assert check("Maths teacher, runner. Views my own.", context="profile") == {}


def test_recommendation_context_is_always_a_reference(check):
    assert "reference_recommendation" in check("Daniel is a diligent designer.", context="recommendation")


def test_work_email_is_not_also_personal_data(check):
    found = check("Contact me at s.turner@cryptschool.example", now=SATURDAY)
    assert "work_email" in found and "personal_data" not in found


def test_spans_mark_the_words(check):
    assert check("ring 07700 900123 now", now=SATURDAY)["personal_data"] == ["07700 900123"]
    assert sorted(check("Harry in 9C asked", now=SATURDAY)["pupil_reference"]) == ["9C", "Harry"]
    assert check("Mr Baxter is a complete tw*t", now=SATURDAY)["offensive_language"] == ["tw*t"]


# More of our own examples, written while widening the rules (never taken from the corpus).
MORE_FIRES = [
    # tune3-crit: a euphemism paused over and settled on; a Welsh question signed off "asking for a friend";
    # Welsh "no, it's fine, I'll…" after a lapse
    ('criticism', "Year 10 were... energetic, this morning. Let's call it energetic."),
    ('criticism', "Pam fod yr ysgol yn talu am logo newydd ond dim am lyfrau? Gofyn am ffrind."),
    ('criticism', "Diolch i'r swyddfa am golli'r ffurflenni eto. Na, mae'n iawn, mi wna i nhw i gyd eto."),
    # tune3-col: the office thanked, the deputy after "'r", our SENCo, whoever wrote the rota, in Welsh; a pupil
    # in lower case talking to the writer
    ('colleague_reference', "Diolch o galon i'r swyddfa am golli'r ffurflenni eto."),
    ('colleague_reference', "Ydy'r dirprwy wedi gweld y rota newydd?"),
    ('colleague_reference', "Mae ein SENCo gwych ni wedi ymddeol heddiw."),
    ('colleague_reference', "Pwy bynnag sgwennodd y rota 'ma, diolch."),
    ('colleague_reference', "My trip letters were mislaid by the office. Again."),
    ('pupil_reference', "grace hope just asked me whether I had a phone when I was little. I'm 31."),
    # tune2-col: someone in the staff kitchen (not the room itself); a teacher of "our department" and nobody
    # "upstairs", in Welsh
    ('colleague_reference', "Whoever keeps leaving porridge bowls in the staff kitchen sink: I see you."),
    ('colleague_reference', "Ail athrawes o'n hadran ni i adael eleni."),
    ('colleague_reference', "Tymor arall, a does neb lan lofft yn gwrando o gwbl."),
    # tune2-oth: the writer's shop with readers sent to it; a secret about the head job (not "in my head")
    ('solicitation', "Winter prints now available in my online shop 🎄"),
    ('confidential', "Don't tell anyone but I've got an interview for the deputy head job on Friday 🤫"),
    # criticism: a duty called "optional" in scare quotes; nobody "upstairs" in Welsh
    ('criticism', "Another 'voluntary' Saturday revision session for staff at my school that nobody is allowed to miss."),
    ('criticism', "Mae dwy athrawes arall wedi gadael yr adran eleni. Does neb lan staer yn sylwi."),
    # criticism: the writer belittled in a parent's quoted words; a plan praised in a two-word sentence of its own
    ('criticism', "To the dad who told me on the gate that I'm 'just a TA': lovely to meet you too 🙂"),
    ('criticism', "Every detention now has to be logged on three separate systems before tutor time ends. Great plan. Can't see any problems there."),
    # references: a person worth the money, after "worth every penny" lost its place as a thing's price;
    # confidential: the hush emoji still warns on a work secret
    ('reference_recommendation', "Need a decorator? Kieran did our lounge in two days. He's worth every penny."),
    ('confidential', "Don't tell anyone but the deputy head is leaving at Easter 🤐"),
    # criticism: a rhetorical "genuine question", a reminder in scare quotes, the school's reason quoted back,
    # "nice to know our evenings are so appreciated", Polish "parents really think teachers…", Welsh "has anyone in SLT actually…?"
    ('criticism', "Genuine question: does the science department know the printer has a paper tray? Third jam this week."),
    ('criticism', "Our head of year has 'reminded' us again that reports are due on Friday."),
    ('criticism', "Canteen cuts at school 'for budget reasons' while the trust buys new lanyards."),
    ('criticism', "Stayed till seven setting up the hall for the open evening. Nice to know our evenings are so appreciated by the parents."),
    ('criticism', "Niektórzy rodzice naprawdę myślą, że nauczyciele kończą pracę o trzeciej."),
    ('criticism', "Oes unrhyw un o'r tîm rheoli wedi agor y system newydd go iawn?"),
    # work set to pupils still warns when no course of the writer's is named
    ('teaching_use', "Year 10, your essays are due Friday, 800 words max."),
    # the school's vacancy in its own "we" (a third-person share is not its voice)
    ('speaking_for_school', "Our school is hiring again: we're looking for a teaching assistant to join the SEN team from January."),
    # a count repeated, "still nothing", staff driven out, an understated verdict, Welsh "another great decision"
    ('criticism', "Fifth email to IT about the broken projector in my school. Fifth."),
    ('criticism', "Chased the exams officer twice about the entries. Still nothing."),
    ('criticism', "Our head seems determined to drive experienced teachers out of the profession."),
    ('criticism', "Applied for three school trips, all refused. Not sure the governors' decision was anyone's brightest idea."),
    ('criticism', "Penderfyniad gwych arall gan yr uwch dîm rheoli 👏"),
    # c7: criticism by structure, without an insult word
    ('criticism', "Fourth cover lesson this week for my Year 8s and not a scrap of work set."),
    ('criticism', "Whoever planned the calendar clearly hates the science department: three parents evenings in one week."),
    ('criticism', "Our head has asked for lesson plans by Friday. I'll just write them in my sleep then, shall I"),
    ('criticism', "The new uniform policy is going about as well as the staffroom predicted."),
    ('criticism', "My mentor's feedback? 'Be more confident.' Thanks, really helpful 🙄"),
    ('criticism', "Year 10 mocks marked. Half of them clearly never opened the revision guide."),
    ('criticism', "Right. Great. Brilliant. The school has cancelled the Year 7 trip again."),
    ('criticism', "Our deputy has announced the new homework policy by email. Stellar communication as always"),
    ('criticism', "Polisi gwisg ysgol newydd o fis Medi. Neb wedi gofyn barn yr athrawon."),
    # c5: complaint structures without an insult word
    ('criticism', "Is it really too much to ask that Year 8 remember their planners"),
    ('criticism', "Mrs Patel in the office still hasn't replied to my email about the trip"),
    ('criticism', "Asked my line manager for a new chair in October. It is now March. Still waiting."),
    ('criticism', "Still no sign of the new laptops we were promised, says the school."),
    ('criticism', "Head of Year 8 said he'd be back in five minutes. That was an hour ago."),
    ('criticism', "My line manager keeps making decisions about us without us"),
    ('criticism', "Our school scrapping the Year 7 residential to save money is a real shame"),
    ('criticism', "Year 10 today, I've had calmer afternoons herding cats"),
    ('criticism', "The office have lost my cover slips. Again."),
    ('criticism', "Our school has no money for textbooks but the new sofas in reception are lovely"),
    ('criticism', "Total sh1tshow of an open evening, half the department never turned up"),
    # oth4: pupils' work beside the writer's own exceptions still warns
    ('teaching_use', "Revision worksheet is in the tray outside my room, due Wednesday"),
    ('teaching_use', "My 6-year-old's homework this week is a poster about owls. Year 9: homework due Friday, no excuses."),
    ('teaching_use', "Blwyddyn 10: dyddiad cau'r traethawd yw dydd Gwener"),
    ('solicitation', "Two spare tickets for tonight's gig, £15 each or free if anyone wants them"),
    ('reference_recommendation', "Any school would be lucky to have her, she's a brilliant maths teacher"),
    ('reference_recommendation', "Jess is a brilliant childminder, I finally learned to trust someone else with the kids. Highly recommend her."),
    ('pupil_reference', "Everyone in my class did brilliantly in their mocks today"),
    ('colleague_reference', "The teaching assistants at my school are overworked"),
    # one parent ("rhiant") is someone at work too
    ('criticism', "Un rhiant yn fy ffonio i bob penwythnos. Hollol afresymol."),
    # the writer's own bad day does not hide a verdict on the leaders after it
    ('criticism', "Horrible day. SLT are useless."),
    ('criticism', "Horrible day. Useless SLT strikes again."),
    ('criticism', "The kids had a great time on the trip. Shame SLT cancelled the next one for no reason, typical of this school."),
    ('pupil_reference', "Parents of 8R: I'm off sick until Thursday, anything urgent to the office please"),
    ('pupil_reference', "A colleague took my Year 10 class so I could see my daughter's carol concert"),
    # staff by role or place, without names; a Polish chain letter; pupils in the school's dining hall
    ('colleague_reference', 'Our bursar has cancelled the order again'),
    ('colleague_reference', 'Somebody in the finance office has lost my expenses form'),
    ('colleague_reference', 'The teacher in the room next to mine plays music all day'),
    ('colleague_reference', "Big changes coming and the staff haven't even been told"),
    ('solicitation', 'Nie przerywaj łańcucha! Udostępnij to 7 znajomym'),
    ('pupil_reference', 'Pancake day in the dining hall and the kids loved it'),
    ('criticism', "Open evening next week and suddenly there's money for new blinds in the foyer. Funny that. Still no heating in the science block though."),
    ('criticism', 'SLT moved the mocks to the week before Christmas. Genius.'),
    ('criticism', "Cyfarfod staff arall tan chwech heno ar ôl diwrnod llawn yn yr ysgol. Jyst yn dweud…"),
    ('reference_recommendation', 'Anyone need a coach for their U10s? Steve Marsh is fantastic'),
    ('reference_recommendation', 'Who needs a TA? My friend Kerry is brilliant and looking for work'),
    ('criticism', '9C are the class from hell'),
    ('criticism', 'The parents at my school are driving me up the wall'),
    ('offensive_language', "Being gay is just not right, it's against nature"),
    ('offensive_language', "I'm not homophobic but gay people shouldn't adopt"),
    ('criticism', "The leadership team at this school couldn't lead a conga line"),
    ('criticism', 'Our senior leaders are completely clueless'),
    ('criticism', 'The way this school is run is an absolute disgrace'),
    ('criticism', "This school doesn't care about its staff"),
    ('criticism', 'Honestly the head is an idiot'),
    ('criticism', 'The school has gone to the dogs since the new head arrived'),
    ('criticism', "my school is the worst place I've ever worked"),
    ('criticism', "Our leadership team are so out of touch it's unreal"),
    ('criticism', 'The management is a joke'),
    ('criticism', 'SLT are a bunch of muppets'),
    ('criticism', 'Our head teacher is hopeless'),
    ('criticism', 'Absolutely disgusted by how the school handled this'),
    ('criticism', "They never listen to staff at this school, no wonder everyone's leaving"),
    ('colleague_reference', "The school's leadership need to wake up"),
    ('colleague_reference', 'the senior team ignored us again'),
    ('offensive_language', 'Being gay is a sin'),
    ('offensive_language', 'Homosexuals are going to hell'),
    ('offensive_language', "I don't want gays teaching my kids"),
    ('offensive_language', "trans women aren't real women"),
    ('offensive_language', 'Adam and Eve not Adam and Steve'),
    ('offensive_language', 'Pride month is just grooming kids'),
    ('offensive_language', 'women are rubbish at physics'),
    ('offensive_language', 'the gay agenda is everywhere'),
    ('offensive_language', 'women are too emotional to lead'),
    ('offensive_language', 'disabled people are a drain on the country'),
    ('offensive_language', "I'll smash his face in"),
    ('reference_recommendation', "If anyone's looking for a brilliant TA, Jess Harper is your woman!"),
    ('reference_recommendation', "Can't recommend Tom highly enough for any coaching role"),
    ('reference_recommendation', 'Sophie would be perfect for your vacancy'),
    ('reference_recommendation', "I'd hire Priya in a heartbeat"),
    ('reference_recommendation', 'Priya Shah is the best candidate for the deputy head job'),
    ('reference_recommendation', 'Give Tom the job!'),
    ('reference_recommendation', 'Looking for a new head of maths? Hire Gareth.'),
    ('reference_recommendation', 'Governors, appoint Sarah Jones as your next head'),
    ('reference_recommendation', "Rwy'n argymell Elen ar gyfer y swydd"),
    ('pupil_reference', "Parents' evening for Year 8 tonight, wish me luck"),
    ('pupil_reference', "Y13 leavers' assembly had me in bits"),
    ('pupil_reference', 'Year 12s have been a joy this term'),
    ('pupil_reference', 'My form are obsessed with Taylor Swift'),
    ('pupil_reference', 'The children in my class wrote the loveliest poems'),
    ('pupil_reference', 'My set 3 maths group finally get fractions!'),
    ('pupil_reference', 'Sixth form open evening tonight, come along'),
    ('pupil_reference', 'my year elevens are stressed about mocks'),
    ('pupil_reference', 'One of my tutees got into Oxford!!'),
    ('pupil_reference', 'Proud of my students today, they nailed their presentations'),
    ('pupil_reference', 'My pupils made me a card for my birthday'),
    ('pupil_reference', 'Our year 7s are settling in nicely'),
    ('pupil_reference', "GCSE students, you've got this!"),
    ('pupil_reference', "Mae Blwyddyn 11 yn brysur iawn gyda'r arholiadau"),
    ('pupil_reference', 'Diolch i fy nisgyblion am y blodau'),
    ('pupil_reference', 'Noson rieni Blwyddyn 9 heno'),
    ('pupil_reference', 'The Year 10 girls netball team won the county cup'),
    ('colleague_reference', 'My HoD has been off sick all week'),
    ('colleague_reference', 'Our headteacher is retiring at Easter'),
    ('colleague_reference', "The deputy head's speech was hilarious"),
    ('colleague_reference', 'Someone in the staffroom keeps stealing my milk'),
    ('colleague_reference', 'Assistant head just walked into my lesson unannounced'),
    ('colleague_reference', "Mae'r pennaeth newydd yn dechrau fis nesaf"),
    ('criticism', 'The Crypt School is going downhill fast'),
    ('criticism', 'SLT are a joke, they changed the timetable again without asking anyone'),
    ('criticism', 'Some parents are just vile, the abuse I got today'),
    ('criticism', "My Year 9s are the worst class I've ever had"),
    ('criticism', "Management at my place couldn't care less about staff wellbeing"),
    ('criticism', "Honestly the head doesn't have a clue what goes on in classrooms"),
    ('criticism', '9R are animals, absolute zoo this afternoon'),
    ('criticism', "The school's new behaviour policy is a total disaster"),
    ('offensive_language', 'This week has been absolute shite'),
    ('offensive_language', 'What a load of bollocks'),
    ('offensive_language', 'fkn hell what a day'),
    ('offensive_language', 'Such a sh*tshow at work today'),
    ('offensive_language', 'Go back to your own country'),
    ('offensive_language', "I'm going to punch the next person who says that"),
    ('offensive_language', 'cachu hwch o ddiwrnod'),
    ('offensive_language', 'Poles are taking all our jobs, send them back'),
    ('personal_data', 'Call Jenny on 07911 123456 for the keys'),
    ('personal_data', 'Their address is 22 Acacia Avenue, Cheltenham GL50 2AB'),
    ('personal_data', "my friend's mobile is 07700900123"),
    ('personal_data', 'D.O.B: 01.02.2011'),
    ('personal_data', 'email me at mrsjones1975@hotmail.co.uk'),
    ('confidential', "Can't say too much but there are redundancies coming at school"),
    ('confidential', "Between you and me, the results are awful this year, don't tell the parents"),
    ('confidential', 'Not supposed to say but the head has resigned'),
    ('confidential', 'Off the record, Ofsted are coming on Tuesday'),
    ('reference_recommendation', "Jo Smith is the best TA I've ever worked with, any school would be lucky to have her"),
    ('reference_recommendation', 'Sam would be a fantastic addition to any school, hire him'),
    ('reference_recommendation', 'I wholeheartedly recommend Mike for the head of PE role'),
    ('teaching_use', 'Year 11, your English coursework is due Monday, no excuses'),
    ('teaching_use', 'Homework: finish the worksheet and upload to Google Classroom'),
    ('teaching_use', "Don't forget, mock exams start next week, revise!"),
    ('teaching_use', '7P: spelling test tomorrow, learn your words'),
    ('teaching_use', 'Reminder to my A-level class: essays due in by Friday 4pm'),
    ('solicitation', 'Vote Green on Thursday!'),
    ('solicitation', 'My online shop is now open, link in bio 🛍️'),
    ('solicitation', 'Buy my book on Amazon, only £7.99'),
    ('solicitation', 'Please sponsor me for the Cardiff half marathon'),
    ('solicitation', 'Type AMEN and share if you believe'),
    ('solicitation', "Selling two tickets for Saturday's gig, £40 each"),
    ('speaking_for_school', 'On behalf of everyone at the school, thank you to our parents'),
    ('speaking_for_school', 'Official statement: the school will be closed tomorrow due to snow'),
    ('speaking_for_school', 'The Crypt School is pleased to announce our new Head of Sixth Form'),
    ('pupil_reference', "Llongyfarchiadau i'r disgyblion ar eu llwyddiant"),
    ('pupil_reference', 'Trip Blwyddyn 8 i Lundain yfory'),
    ('pupil_reference', 'Mae plant fy nosbarth wedi gwneud cardiau hyfryd'),
    ('pupil_reference', "Diolch i'r chweched dosbarth am eu gwaith caled"),
    ('colleague_reference', "Mae'r uwch dîm wedi newid y polisi eto"),
    ('colleague_reference', "Parti ymddeol i'r dirprwy bennaeth heno"),
    ('criticism', "Mae'r rheolwyr yn anobeithiol, dim syniad o gwbl"),
    ('criticism', "Mae rhieni'r ysgol hon yn ofnadwy"),
    ('criticism', "Mae'r ysgol yn llanast llwyr y tymor yma"),
    ('offensive_language', 'Am ddiwrnod cachu'),
    ('confidential', "Cyfrinachol: mae'r pennaeth yn gadael"),
    ('confidential', 'Rhwng ti a fi, mae arolwg Estyn wythnos nesaf'),
    ('teaching_use', 'Cofiwch fod prawf dydd Gwener, adolygwch bennod 3'),
    ('teaching_use', "Dyddiad cau'r gwaith cwrs yw dydd Llun"),
    ('solicitation', 'Prynwch fy nghardiau Nadolig, £5 yr un'),
    ('solicitation', 'Dewch i addoli gyda ni ddydd Sul'),
    ('speaking_for_school', 'Ar ran staff a disgyblion yr ysgol, diolch i bawb'),
    ('speaking_for_school', "Hoffai'r ysgol ddiolch i'r rhieni am eu cefnogaeth"),
    ('criticism', 'Another genius idea from SLT 🙄'),
    ('criticism', 'Thanks for nothing, management'),
    ('offensive_language', '#fuckmondays'),
    ('offensive_language', 'what a clusterfuck this week has been'),
    ('offensive_language', 'my line manager is a total kn*b'),
    ('offensive_language', "you'll be picking your teeth up off the floor"),
    ('offensive_language', "I'm gonna put him in hospital if he does that again"),
    ('offensive_language', "if she eats my biscuits again she's going under the patio"),
    ('offensive_language', 'these people breed like rats'),
    ('offensive_language', 'the (((globalists))) run everything'),
    ('offensive_language', 'three autistic kids in my group, it is like a zoo'),
    ('offensive_language', 'garlic-eating frogs lost again'),
    ('offensive_language', "Dwi'n mynd i'w dagu e"),
    ('reference_recommendation', 'Any school would be lucky to get her'),
    ('reference_recommendation', "I can't speak highly enough of Tom, hire him"),
    ('confidential', "Shhh, this isn't public yet but we're merging with another school"),
    ('confidential', "Just found out who's getting the head of year job, can't say who yet 🤐 but it's not who you'd think"),
    ('confidential', 'Between ourselves, one of the teachers has been signed off with stress'),
    ('confidential', 'A colleague has been suspended pending an investigation'),
    ('confidential', "Exam results came in early and they're grim, not allowed to say more"),
    ('confidential', 'Not meant to tell anyone but the school is being inspected next week'),
    ('personal_data', 'Contact Mrs Patel on 01452 987654 about the lift share'),
    ('personal_data', 'Her new address is Flat 3, 12 Westgate Street, GL1 2NW'),
    ('personal_data', 'If found please call 07 700 900 456'),
    ('personal_data', 'Send your photos to lucy.b@outlook.com'),
    ('personal_data', 'born 14/06/2011'),
    ('personal_data', 'His NI number is AB 12 34 56 C'),
    ('teaching_use', 'Year 9, finish your posters for Thursday'),
    ('teaching_use', 'Homework for 8R is on Satchel One, due Monday'),
    ('teaching_use', 'Exam tomorrow! Remember your calculators and black pens'),
    ('teaching_use', 'Great revision session today, same time next week for Paper 2'),
    ('teaching_use', 'A-level historians: your essays are due in by 3pm Friday'),
    ('solicitation', "We're raising money for the hospice, please donate via my JustGiving page"),
    ('solicitation', 'Anyone want to buy raffle tickets? £1 a strip, DM me'),
    ('solicitation', "My wife's new beauty salon is open, 20% off your first visit with code NEW20"),
    ('solicitation', 'Support the strike on Thursday, stand with your union!'),
    ('solicitation', "Come to our church's Christmas service, everyone is welcome"),
    ('solicitation', "Who wants to earn from their phone? Comment READY below and I'll message you the details"),
    ('speaking_for_school', "As a school we are incredibly proud of this year's results"),
    ('speaking_for_school', 'The school has decided to cancel the trip, sorry everyone'),
    ('speaking_for_school', 'Official: the school will reopen on Monday'),
    # unnamed colleagues as a group, the people at the top; a hint still warns when the writer is not the answer
    ('colleague_reference', 'The teachers I work with think a fruit bowl fixes workload'),
    ('colleague_reference', 'Funny how nobody at the top ever has to teach it'),
    ('confidential', "Guess who's leaving the school at Christmas 🤫"),
    # marks held back after moderation; a group of staff listed as the subject, not addressed; a sale beside tickets sold
    ('confidential', "Don't tell anyone but the coursework marks are up massively this year 🤐"),
    ('colleague_reference', 'The head, the deputies, support staff: all off sick with the same bug this week'),
    ('solicitation', 'Raffle tickets £1 a strip, DM me! Last year we sold 300 tickets in a week.'),
    ('teaching_use', 'Year 11: two pieces handed in by Friday please'),
    # criticism beside the writer's own bad day, own aches and swearing at own life, and a profession's cause
    ('criticism', 'Awful week. The parents at my school are a nightmare.'),
    ('criticism', 'Our teachers deserve better than this shambles of a school'),
    ('criticism', 'My knees are sh*t after that hike, and the parents at my school are f*cking idiots'),
    ('criticism', 'Sneaky as ever, the leadership at my school announced it on the last day'),
    # a menace at a person, people called a bunch, sarcasm at the school's own leaders
    ('offensive_language', "Keep pushing me, Dave. I'm coming for you."),
    ('criticism', 'The parents at my school are a bunch of comedians'),
    ('criticism', 'Our leaders have done it again, another pointless initiative 🙄'),
    # s11: a colleague by first name and department, tagged by title, by a role staff use; criticism
    # said sideways: told last, money thrown away, appearances, the writer's own children kept away
    ('colleague_reference', 'Janet in maths has been an absolute hero this week'),
    ('colleague_reference', 'Huge thanks to #MrsHolloway for covering my class'),
    ('colleague_reference', 'Our ECT cried in the car park again. This job.'),
    ('colleague_reference', 'Whoever wrote this timetable has never taught a lesson in their life'),
    ('colleague_reference', 'Whoever scheduled my Friday cover clearly hates me'),
    ('colleague_reference', 'The office have sent the wrong letters home. Again.'),
    ('colleague_reference', 'Exams officer says the room is double booked, brilliant'),
    ('colleague_reference', 'Still waiting on the SENCo for that plan'),
    ('colleague_reference', 'Mrs Holloways retirement do was lovely'),
    ('colleague_reference', "Mae'r adran wyddoniaeth yn anhygoel eleni"),
    ('colleague_reference', 'Rozmowa z dyrektorem szkoły trwała godzinę'),
    ('colleague_reference', 'Thanks @mr_rees for the lift'),
    ('colleague_reference', 'The pastoral team have been incredible this week'),
    ('colleague_reference', 'Prifathro newydd yn dechrau heddiw'),
    ('colleague_reference', 'My manager moved my hours again without asking'),
    ('colleague_reference', 'My fellow TAs are the real heroes of this place'),
    ('colleague_reference', 'The teacher I support never sends me the plans'),
    ('colleague_reference', 'the lady who does the cover rang at 7am'),
    ('colleague_reference', 'Our SENDCo has been brilliant this term'),
    ('colleague_reference', 'Our nurse at school deserves a medal'),
    ('colleague_reference', 'The new rota is out. Whoever made it has never done a bus duty'),
    ('colleague_reference', 'Maybe the people who wrote the marking policy could try marking 90 books'),
    ('colleague_reference', 'My Year 9s have had a cover supervisor for a fortnight'),
    ('colleague_reference', 'Thanks to the office for printing everything twice'),
    ('colleague_reference', 'Unser Schulleiter hat schon wieder eine Konferenz angesetzt'),
    ('colleague_reference', 'Notre directrice a encore changé les horaires'),
    ('colleague_reference', 'ہمارے ہیڈ ٹیچر بہت سخت ہیں'),
    ('pupil_reference', 'Checked the behaviour log and apparently the kids are just lively'),
    ('criticism', 'Nobody at my school ever listens to support staff'),
    ('criticism', 'Our head cares more about league tables than the kids'),
    ("criticism", "Honestly embarrassed to say where I work right now"),
    ('criticism', 'Staff morale at my school is on the floor'),
    ('criticism', "Dyw'r uwch dîm ddim yn gwrando ar neb"),
    ('criticism', 'Love how we found out about the restructure from the local paper.'),
    ('criticism', 'Can\'t believe the school wasted thousands on iPads that nobody uses'),
    ('criticism', 'Shame our head of year only cares about how things look to Ofsted'),
    ('criticism', "Wouldn't send my own kids to this school"),
    ('criticism', 'I have never worked anywhere so badly run'),
    # c6: sarcasm by its shape: a quoted phrase echoed back, a rhetorical "for whom", the fix that is the problem, "that was … ago"
    ('criticism', "Our deputy's idea of a 'short briefing' was a whole hour. Short. Briefing."),
    ('criticism', "SLT have moved parents' evening to a Friday. Better for whom exactly?"),
    ('criticism', "The head's big plan for reducing meetings is a weekly meeting about meetings."),
    ('criticism', "Deputy head asked me to watch her class 'for five minutes'. That was two hours ago."),
    ('criticism', "Pwy yn yr adran benderfynodd symud yr arholiad i ddydd Gwener?"),
    # t1: the same shapes set to pupils still warn: own calculator, a booklet sent to the class, a kit reminder
    ('teaching_use', "Year 10, bring your own calculator tomorrow for the mock"),
    ('teaching_use', "Year 11: I've emailed the revision booklet to you all. Read by Monday please"),
    ('teaching_use', "Don't forget your PE kit tomorrow, Year 8!"),
    # colleagues by structure: whoever keeps changing a plan, the office asked or handed work, staff driven out;
    # pupils at the kitchen hatch
    ('colleague_reference', "Whoever keeps changing the cover rota clearly doesn't teach on Fridays."),
    ('colleague_reference', "Had to ask the office twice for the trip forms and still nothing."),
    ('colleague_reference', "Gave the office three sets of reports to print on Monday. Friday now."),
    ('colleague_reference', "They seem determined to push experienced staff out before the restructure."),
    ('pupil_reference', "Fish finger Friday and the children queued at the serving hatch for twenty minutes."),
    ('pupil_reference', "The students will be furious about it at the hatch tomorrow, wait and see."),
    # a school role acting without "the", "my mentor" in Welsh, dozens of children on a trip
    ('colleague_reference', "Cover supervisor's got my lot again this afternoon so I'm marking in the library."),
    ('colleague_reference', "Fy mentor wedi dweud bod y wers yn wych heddiw."),
    ('pupil_reference', "Theatre trip with 45 kids today and everyone came home with both shoes."),
    # tune3-oth: the writer's own trust cutting jobs, and schoolwork due beside money due, still warn
    ('confidential', "Schools in our trust are cutting support staff next year, three TAs in my department"),
    ('teaching_use', "8R: your history essays are due Monday, and the trip money too."),
]

MORE_QUIET = [
    # tune3-crit: the writer's own image, requests, things and career; a complaint denied; the writer not knowing yet;
    # a national inspection change; praise of the writer's own work quoted
    "Burnt the croissants before the school open evening. Nothing says 'I have my life together' like smelling of smoke.",
    "Parents evening prep done, and my sister still answers my 'quick chat' texts with a smile.",
    "Email me on my school address please, my hotmail is a total mess",
    "Three years into being a head of year and I still can't work the department printer.",
    "The office ran the trip bookings all week while I was off and never once rang me to grumble. Stars.",
    "A letter home about parents evening just landed. No idea what it says yet.",
    "the new ofsted grading framework looks like my old school report. 'secure fit' my foot",
    "My course tutor read my essay on the school behaviour policy and called it 'a genuinely strong piece' 🥹",
    # tune3-col: a role as a job; joke job titles in a hiring post; being a head of year; schools in general cutting
    # staff; the writer's own toast in the staffroom; "I'm head of year" without an article; closed to pupils
    "Applied for my first head of year post today. Fingers crossed, zero sleep.",
    "Jobs going at the bakery: Assistant Head of Sourdough and Senior Croissant Taster. Pay is in crumbs.",
    "Five years into being a head of year and I still can't find the lost property cupboard.",
    "Councils say schools cutting teaching assistants is the only way to balance the books.",
    "Burnt my toast in the staffroom again. Three degrees, everyone.",
    "Ten years at this job. Now I'm head of year and I still lose my lanyard.",
    "Sports hall closed to pupils next week while the floor gets relaid, so PE is outside. Bring a coat.",
    # tune2-col: the staff kitchen as a place; a friend's post at their new school; a hospital ward's staff; the
    # writer's own standing in quotes; the writer's own head; the writer's own sixth form
    "Burnt my bagel in the staff kitchen and the whole science block smelled of it till lunch.",
    "Deputy Head at your new school already?! So proud of you, drinks are on me.",
    "Thank you to all the staff on the maternity ward at Cheltenham General, you were wonderful to us.",
    "A card in my pigeonhole that says 'valued member of staff' and a chocolate. I'll take it.",
    "Lost my sunglasses for the whole of registration. They were on my head, obviously, staff team please don't laugh.",
    "Twenty years since we both left sixth form and she still borrows my eyeliner.",
    # teaching, confidential, solicitation, references (tune2-oth): "remember" said of people, the writer's child by
    # birth order, a question about homework reported, "in my head", a grocery order, thanks to a tutor, a free item
    # headed "Free:", a pitch refused, a plumbing job, the writer as buyer
    "Twenty years on, nobody remembers the revision timetable. They remember who believed in them.",
    "Youngest's GCSE mocks start Tuesday and I'm the one not sleeping.",
    "Someone in the street asked why the homework was all about rivers at 9pm tonight.",
    "Forty years on this earth and I've just found out I've been saying 'quinoa' wrong in my head all along. Don't tell anyone 🤫",
    "Nothing dramatic, just my online shop and nine tins of chickpeas up on the big screen for everyone to see.",
    "Pasio'r prawf gyrru o'r diwedd! Diolch o galon i'r hyfforddwr gorau erioed, Dai ❤️",
    "Free: garden bench, a bit wobbly but solid. Collection from Tuffley please.",
    "Crypto lads in my DMs again. No thanks, I do not want to 'get in early' on anything.",
    "Bathroom week four. Between you and me, whoever did the last job on this boiler should never hold a spanner again.",
    # criticism: delight in "Who knew!!", a pupil's skill as a weapon, a framework missing a box, a manager sending the writer to rest
    "Last week's INSET speaker plays drums in a covers band, saw them last night and they were brilliant. Who knew!! Already booked for the next gig",
    "Proud of the school netball team in the county final today, that girl's shooting is a weapon 🏆",
    "Ofsted handbook for teachers: forty pages, somehow still no section on workload",
    "Work sent me home at 3 today and told me not to open my laptop all weekend. Doing as I'm told for once 😂",
    # references, confidential and teaching: a bill paid, praise quoted as written, a child's trait owned by the writer,
    # the writer running the exams, things given away, the writer's own thesis and exam, a TV guess owned up to,
    # a book by its author, the quiet coach of a train, thanks to a handle for a job done
    "Huge thanks to the vet on Painswick Road for stitching up the cat at midnight. Worth every penny, though my bank balance disagrees.",
    "Newydd farcio 60 traethawd a sylweddoli 'mod i wedi sgwennu 'Gwaith gwych!' ar gerdyn pen-blwydd fy mam.",
    "Our Alfie's parents' evening tonight. His maths teacher says he 'likes to share his ideas'. No idea where he gets it from 🤫",
    "Mocks start Monday: 800 papers, 11 rooms and me as exams officer with a tin of Roses. Wish me luck",
    "Free to a good home, from our loft clear-out: a crate of old GCSE history revision guides, a bread maker and a lava lamp.",
    "PhD chapter four due Monday and I have 900 words and a shopping list.",
    "Found out today I've passed my final CIPD exam. Top tip for anyone studying: you will learn to love 6am, and past papers are gold.",
    "Back to work Monday. Between you and me, I guessed the ending of that hospital drama in episode one.",
    "If you need a present for a keen walker, 'The Salt Road' by Ann Pike is superb. Read it in a weekend.",
    "Finished the new Ishiguro in the quiet coach on the way back from Bristol. Highly recommend.",
    "Same photographer as our wedding did my cousin's christening today and she was brilliant with the toddlers 📸 thank you @lensbylou",
    # not criticism: the writer's own bug or cold, a teacher at the writer's child's school, praise "if anyone deserves…, it's them"
    "Three days off with a horrible bug and the parents' evening slots all had to move. Back Monday.",
    "Head cold + parents' evening = three hours of croaking like a rusty gate and promising every parent who sat down that I'm not contagious.",
    "Parents' evening at Maisie's school tonight and her teacher wants a 'quick chat' afterwards. Nervous!",
    "Our office has been running on fumes and goodwill since September. If anyone deserves a fortnight in the sun, it's them.",
    # the writer's own course anywhere (award + work, "my ... masters", Welsh "aseiniad olaf y radd"), a role at a
    # named child's school or a club, the writer's own parents' evening, the writer's own worst lesson, praise "the lot
    # of them", own GCSEs from a past year, an RSVP "haven't told me", a matter read in the paper
    "Last assignment for my part-time masters is 4,000 words and it's due Thursday at midnight. Currently on 900 words and a lot of biscuits.",
    "MSc essay due Monday and all I have is a title and a very tidy desk.",
    "Aseiniad olaf y radd wedi'i gyflwyno! Dyddiad cau hanner nos, a finnau'n gorffen am 11:50.",
    "My coach at cycling club told me to stop braking on the descents. She was right.",
    "The head at Evie's school sent a sensible letter home about the snow day.",
    "Parents' evening for our youngest tonight and her English teacher was brilliant. Home by 8.",
    "Worst lesson I've taught in ages this morning. Tea, regroup, go again tomorrow.",
    "Shoutout to the bin crew on our street, out in the snow at 6am. Legends, the lot of them.",
    "Found my GCSE certificates folder from 1997 in the loft. C in French.",
    "Leaving drinks for Sam are on Friday at the Swan from 6. If you're coming and haven't told me yet, let me know for the table.",
    "Read about the council restructure from an article in the local paper. Quite a shake-up.",
    # homework as reported speech, booklets for adults, the writer's own thesis, a qualification celebrated,
    # folklore fairies, a season addressed, a library staying open, the writer's own lot, a pitch received, an employer's vacancy
    "A dad told me at pick-up tonight that homework is 'stolen family time'. Noted.",
    "The gym emailed a 12-page induction booklet on Friday. I just wanted a treadmill.",
    "Submitted my MSc thesis on phonics interventions in rural primary schools at 11:50pm. Deadline was midnight 😅",
    "My cousin qualified as a paramedic today after four years of shifts and essays typed at 3am 💙",
    "Rosie lost her first tooth and the tooth fairy paid out £1. Inflation has reached the fairies too 😂",
    "Half term, I'm coming for you.",
    "Mae pwll nofio'r dref yn aros ar agor tan fis Mawrth! Diolch i bawb.",
    "Partner's work Christmas party tonight and guess who's the taxi service again 🚕",
    "Training day at work, the speaker is on slide 94 so naturally I'm here scrolling 🤫",
    "The card machine at work crashed again today, guess who gets the moaning at the till.",
    "Another stranger in my DMs about 'passive income' today. Blocked.",
    "My office has a vacancy from March if anyone fancies a move to Stroud, message me for a chat.",
    # bad news, someone's hardship, the national news, the writer's own defeat, carers praised
    "Awful news about the flood on Mill Lane. Thoughts with all the families affected",
    "Sending love to a friend going through something horrendous right now. The parents at the school gate have been amazing",
    "Teachers' pay award in the headlines again, and school budgets ignored as usual 🙄",
    "Lost the pub quiz to the school quiz team again. 2/10. Never again 😂",
    "The nurses at the school's neighbouring hospice were somehow still smiling at 3am",
    # c7: a win counted, the writer's own surprise or failure, a worry "awfully", near the school
    "Third win in a row for the netball club, so proud of the school!",
    "Who knew I'd love early starts? First term in the kitchen at our school done!",
    "My own Year 3 son's homework beat me tonight. And I'm a teacher 🤦",
    "Gwaith cartref Blwyddyn 4 Elin wedi fy nhrechu i. A dwi'n athro 🤦",
    "Mae fy mab yn poeni'n ofnadwy am yr ysgol newydd",
    # c5: the same shapes about the writer's own life or a landlord
    "I still haven't replied to my emails, sorry everyone",
    "I have lost my keys. Again.",
    "Asked for a refund in October. Still waiting.",
    "The management company for our block hasn't fixed the lift yet",
    "Horrible end to the term, I can't stop thinking about those families tonight",
    # oth4: the writer's own studies, child, class and habits; a ticket given away; a relative's career; staff nationally
    "Passed my OU module! An essay deadline every four weeks for two years, never again.",
    "My 6-year-old's homework this week is a poster about owls. Help.",
    "Noson hir. Dyddiad cau hanner nos a finnau'n pwyso 'submit' am 11:58 😅",
    "I've got spare tickets for the choir concert next Friday if anyone wants them – free! Just shout 🎶",
    "Took an adult improvers' class at the leisure centre all autumn. Everyone in my class was lovely.",
    "Ugain mlynedd yn ôl es i i fy nosbarth Sbaeneg cyntaf erioed yn y llyfrgell.",
    "This year I finally learned to switch off my phone at 6pm. More sleep, better work. Highly recommend.",
    "So proud of my sister, just finished her nursing placement, the ward is lucky to have her",
    "Grandad, a retired headteacher, still marks my birthday cards",
    "Nurses and teaching assistants across the country deserve better pay",
    "One of the best SENCos I know has just written a brilliant book on inclusion",
    # roads, weather, the writer's own day, a child's school clothes, the writer's own "no idea where" in Welsh
    "Ridge Lane is a disaster every morning since the closure. Who signed this off?",
    "The new roundabout by the retail park is the worst junction in the county. Who signed this off?",
    "Proud of my school's netball team, they played on in atrocious rain and never stopped smiling",
    "Need a school jumper age 9-10 for my youngest, she's ruined another one 🙄 will pay",
    "Noson rieni yn ysgol y ferch heno. Dim syniad o ble mae hi'n cael y tafod 'na",
    # pupils at work reported, the writer's own assignment, a deadline met with minutes to spare, no homework
    # at home, a children's charity, whom to contact about tickets
    "Half of them are doing a spelling test in silence and I'm loving it",
    'Finally submitted my Level 3 childcare assignment at 11:50pm. Deadline was midnight.',
    'Sent my grant form off with three minutes to spare. Deadline was 5pm.',
    'Meine Tochter hat heute keine Hausaufgaben, nur Fußball',
    'Raised £200 for Save the Children at our street party',
    'Anyone trying to get hold of Jo about the quiz night tickets, she is at the hall till six',
    'Brilliant INSET at my school today, not a single pointless icebreaker',
    "Not the worst parents' evening I've had, only ran twenty minutes over",
    'Happy birthday to Dan, worst karaoke singer at my school and the kindest man in it',
    'Geography teacher at a Gloucester school. Rubbish golfer, decent cook.',
    'Survived the Thursday from hell at my school. Pizza and bed.',
    'The parents at my school will not take the bus cuts lying down',
    'Reading a chapter of The Worst Witch at bedtime, she now wants to go to the school in the book',
    "Ofsted's new framework is a mess. Come on, DfE",
    "To the dad who left his umbrella at the school gate this morning, it's safe in reception",
    'Our neighbour fixed the school gate latch in ten minutes, the man is a genius.',
    'Dim ond dweud: roedd y gacen yn yr ysgol heddiw yn wych',
    'Highly recommend Bristol Zoo, brilliant day out for the family',
    'The door knob came off again', 'Putting her on the floor for tummy time', 'I will strangle this printer',
    "he's sitting under the patio heater", 'SEN kids had a brilliant day at the zoo', 'The frogs in our pond are noisy tonight',
    'Our guinea pigs breed like rabbits', 'My mum looks great in a headscarf after chemo',
    "I really recommend Luigi's, the best pizza in town",
    'Would highly recommend Pembrokeshire for a walking holiday, amazing views',
    'Finally finished the garden fence. Only took three weekends and a lot of swearing under my breath',
    'Anyone else absolutely shattered this week? Bed by 9 tonight',
    'The new series of Bake Off is brilliant, that showstopper was a disaster though',
    'Does anyone have a good recipe for banana bread? Mine always comes out dry',
    "We're delighted to announce our engagement!! 💍 He finally asked",
    "Just booked our summer holiday to Crete, can't wait",
    "My daughter's school nativity was adorable, she was a sheep",
    'Running club this evening was tough, 8 miles in the rain',
    'Our cat has learned to open the fridge. Send help',
    'Happy anniversary to my wonderful wife, 20 years today',
    'Car failed its MOT. Brilliant. Another £400',
    'Watching the rugby with a pint, Wales looking sharp',
    'The traffic on the A40 this morning was a nightmare',
    "Terrible service at the garage today, won't be going back",
    "My son's football team won their cup final! So proud of him",
    "Lovely lunch with old uni friends, haven't laughed so much in ages",
    'Can anyone recommend a good book for the holidays?',
    'Feeling grateful for my family today',
    'Sunday roast, a walk and the crossword. Perfect day',
    'The weather is awful, rain rain rain',
    "I hate Mondays. That's it, that's the post",
    'Had my flu jab today, arm is killing me',
    'Our boiler broke again, the engineer was useless',
    'Went to a brilliant gig last night, ears still ringing',
    'Just finished reading a great novel about the war, highly recommend it',
    'My mum turns 70 next week, planning a surprise party',
    'Decorating the Christmas tree with the kids tonight',
    'Half term at last! Lie-in tomorrow',
    'Finished my first half marathon, 2 hours 5 mins',
    'Anyone know a good dentist in Cheltenham?',
    'The dog rolled in something disgusting on our walk',
    'Made a lasagne from scratch, family approved',
    "Watching Strictly with a cuppa, who's your favourite?",
    'New glasses, who dis',
    'Snow forecast for Thursday, fingers crossed',
    "My husband's cooking tonight, pray for me",
    'Joined a choir! First rehearsal was terrifying but fun',
    'Planning a trip to Edinburgh at Easter, any tips?',
    "Our neighbour's cat keeps coming in through the cat flap",
    'Finally got round to clearing out the loft',
    'Went to see the new Bond film, bit long but good',
    'Happy birthday to my best friend, love you loads',
    'Lovely walk along the canal, saw a heron',
    'Hot chocolate and a film with the family tonight',
    'Broke my phone screen. Again. Third time this year',
    'Train cancelled, bus replacement, home at 8. Grim',
    'Homemade pizza night, the kids made their own',
    'Been learning Spanish on Duolingo for 100 days straight',
    'My garden is full of slugs, any tips?',
    'Big shop done, fridge full, feet up',
    'The football was a shambles today, we were robbed',
    'Our local pub does the best Sunday lunch',
    "Can't believe it's nearly Christmas already",
    'Went to the theatre to see Hamilton, absolutely amazing',
    'Listening to old Oasis albums and feeling nostalgic',
    "Our son's parents evening was lovely, his teacher is great",
    'Fixed the leaking tap myself, feeling very handy',
    'Trying a new yoga class on Thursdays',
    'The new café in town does amazing cakes',
    'Not feeling great today, lemsip and bed',
    'Ordered a new sofa, 12 weeks delivery apparently',
    'Reading the new Richard Osman book, so good',
    'My nephew just started university in Cardiff',
    'Went to a wedding at the weekend, danced all night',
    'Just spent an hour on hold to the bank',
    'Weekend plans: absolutely nothing',
    'My little boy lost his first tooth today',
    'Rain stopped play at the cricket again',
    'Cooking a curry from scratch tonight',
    'Tidied the shed and found my old roller skates',
    'Love this time of year, crisp mornings and golden leaves',
    'Our baby girl is one today! Where did that year go',
    'Just discovered a great podcast about history',
    'Anyone watching the election results tonight?',
    'Happy Eid to all my friends celebrating',
    'Nos da pawb, diwrnod hir heddiw',
    'Bore da! Coffi cyntaf y dydd',
    "Mae'r glaw yn ofnadwy heddiw",
    'Penblwydd hapus i fy chwaer',
    "Teaching myself to knit, it's going badly",
    "Marked my own kids' spelling homework, they got 10/10",
    'Found a great deal on flights to Spain, 20% off with the airline sale',
    'Proud of my daughter, she passed her grade 3 violin',
    'The head gasket on my car has gone, expensive repair',
    'Brexit, the budget, the weather. What a week for news',
    'Dear diary, today I ate three mince pies',
    'This year seven of us are doing the Three Peaks',
    "Got a new job offer today and I'm so happy",
    'Leaving do for my friend Sarah from book club tonight',
    "Watched my niece's school play, she was brilliant as Mary",
    'Flat white, croissant, newspaper. Bliss',
    "The girls don't want to go to ballet today",
    "Women's rugby is brilliant to watch",
    'Loved the Pride march in Cardiff, such a great atmosphere',
    "My gay best friend's wedding was the best day",
    'Our Muslim neighbours brought us food for Eid, so kind',
    'Refugees welcome here, proud of our town',
    "Our disabled son's new wheelchair arrived today",
    'The Jewish deli in town has amazing bagels',
    'The Polish shop on the corner has the best pastries',
    "The men's final was incredible",
    'Lazy Sunday with the girls',
    'My daughter wants to be a physics teacher',
    'Trans rights are human rights',
    'Those kids next door are so noisy, I hate it',
    'Marking done, wine poured, feet up',
    'Report writing season again, send coffee',
    "INSET day tomorrow, at least there'll be biscuits",
    'Love my job, even on a Monday',
    'Exhausted after a long week at work',
    'Ten years a teacher today and I still love it',
    'Lesson planning on a Sunday afternoon, as is tradition',
    'Finally finished my marking pile, only took all weekend',
    'New term, new planner, new me',
    'Laminating is my love language',
    'Teacher tired is a different kind of tired',
    'The staff Christmas do was fun, great food',
    'Off to a training course in Bristol tomorrow',
    "Half term can't come soon enough",
    'Just submitted my NPQH application, fingers crossed',
    'Our school run takes 10 minutes with traffic',
    'My OU assignment is due on Friday, panic',
    'Got my PGCE results, passed!',
    'Back to school tomorrow for my own kids, uniforms ironed',
    'Three more weeks until the holidays',
    'Teacher Twitter, what are you reading this holiday?',
    'Professional development day on metacognition, really useful',
    'Reading a great book about behaviour management',
    'Exam season stress is real, even for us',
    'Just got my timetable for next year, looks good',
    "Coffee number three and it's only 10am",
    'Worst cold ever, lost my voice completely',
    'A lovely card from a parent today made my week',
    'Had a great lesson on the Tudors today',
    'Hot take: glitter should be banned from classrooms',
    "Happy World Teachers' Day to all my teacher friends",
    'Moving house next month, boxes everywhere',
    'Finished my Masters dissertation! Deadline met',
    'My class at the gym was cancelled again',
    "I'm off to Paris for the weekend with my sister",
    'Anyone else get the Sunday scaries?',
    "Spent the evening at my son's parents evening, he's doing well",
    "I hope the rain holds off for sports day at my daughter's school",
    'Big thanks to my neighbours for taking in my parcels',
    'Supply teaching in a new area next week, nervous',
    'The students on the train were so loud this morning',
    "Kids these days and their TikTok dances, I'm too old",
    'Year 3 of my PhD and still going',
    'The traffic to work was awful this morning',
    'Awful commute to work today, an hour on the M5',
    "My head is pounding, terrible night's sleep",
    'Worst hair day ever, wind is a nightmare here',
    'The food here is rubbish but the view is lovely',
    'Terrible cold, staying home from the gym',
    'The football was dreadful, we were useless',
    'Our holiday cottage is a mess but cosy',
    'Work was long today but I got loads done',
    'The staff at the hotel were rude and the room was a mess',
    'I hate my hair today',
    'Hate it when the milk goes off',
    'The heating at home is useless, freezing',
    'Good luck on your driving test tomorrow Jess!',
    'Kitchen renovation has been a disaster from start to finish',
    'World leaders meet in Geneva this week',
    'Our Brownies leaders are amazing volunteers',
    'Share if you agree that Bake Off has gone downhill',
    'Learned your favourite recipe, Mum, it was delicious',
    'Buy one get the second half price at the garden centre, bargain',
    'Good luck in your exams, Ellie! Auntie is proud',
    'The hotel management upgraded our room, so kind',
    'My book club read a brilliant thriller this month',
    'Leadership course at the weekend was really useful',
    'Blood test tomorrow, not looking forward to it',
    'The match was a disaster, 5-0 down at half time',
    'I need to learn my lines for the am-dram panto',
    'Our parish council meeting was a shambles',
    'The Tories have made a mess of the economy',
    'Just finished a 1,000-piece jigsaw, send help',
    'Hospital parking charges are a disgrace',
    "Our landlord is useless, the boiler's broken again",
    "The council couldn't organise a bin collection",
    'While the kids were at school I finally cleaned the oven',
    "Diesel is 9p off a litre at the big Tesco this week",
    "Free to anyone who wants them: a cot, a high chair and a box of Duplo. Collection from Hucclecote. Comment below and I'll message you",
    'Took the kids to school then went for a run',
    'The kids are back at school tomorrow, hallelujah',
    "My kids' school has a non-uniform day on Friday",
    "Our children's school is raising money for a new playground",
    'The kids had a great time at school today, apparently lunch was pizza',
    "School run chaos this morning, the kids couldn't find their shoes",
    "My parents' boiler is useless, had to go round and fix it",
    'Visited my parents this weekend, the traffic was a nightmare',
    "My husband's cooking is a disaster but I love him",
    "What a week! Monday the car broke down on the way to work, Tuesday the boiler packed in, and by Wednesday I was ready to give up. But then my sister came round with a lasagne and a bottle of red and everything felt better. The kids have been brilliant, helping with the washing up without being asked (who are these children?!). We've booked a cottage in Pembrokeshire for half term, just the four of us and the dog. I hope the weather holds. If anyone has tips for rainy days near St Davids, let me know. Also, huge thanks to our neighbour Dave who lent us his heater - you're a star. Year of chaos, but we're getting there.",
    "Can't believe my baby boy is 18 today! Born on a snowy night in Gloucester, he arrived two weeks early and hasn't stopped surprising us since. From his first day at school in his oversized blazer to passing his driving test last month, we've been so proud. He's off to uni in September to study engineering and I'm not ready. Happy birthday Sam, love you to the moon and back. Party at ours on Saturday from 7, family and friends all welcome!",
    "Right, rant incoming. The council has closed the library in our village AGAIN and nobody consulted anyone. The staff there were lovely and it was the only warm place for some of the older residents. The decision is a disgrace and honestly the councillors are clueless. I've written to them, and so should you if you care about it. Rant over, going for a walk.",
    "Half term adventures: we did the Cotswold Way in sections, ate far too many scones, and my husband finally admitted he needs new walking boots (his current ones are older than our marriage). The highlight was the view from Broadway Tower, the lowlight was the blister the size of a 10p. Back to reality on Monday, lesson planning tonight with a glass of wine. Grateful for the break though, it's been a long term.",
    "Ten years since I qualified as a teacher today. I remember my first lesson like it was yesterday: I was terrified, the projector didn't work, and I forgot half my plan. Since then I've taught in three schools, done a Masters, had two children and learned that biscuits solve most problems. To every mentor who believed in me, thank you. To anyone training right now: it gets easier, I promise. Here's to the next ten.",
    # the writer's own job or new post, leadership as a topic, staff in schools in general
    'Is anyone else here doing the data manager job on their own? Tips welcome',
    "Big news: from January I'll be joining a primary in Leeds as Deputy Headteacher",
    'Just finished another of those leadership books everyone raves about. Mostly common sense.',
    "If the pay rise isn't funded, schools will end up with fewer support staff and bigger classes",
    'Honoured to be your music teacher for another year',
    # the writer as the answer to "guess who", the writer's own mischief
    "Printer at work jammed again, so guess who's reprinting 200 copies tonight",
    "Marking at work can wait, I'm catching up on my box sets 🤫",
    # the writer's own child and schooldays
    "My baby starts Year 7 on Monday and I'm not ready",
    'Fifteen years since I left sixth form and I still dream about exams',
    # tickets given away free, a budget per head, a session reported with who came
    "Got 2 spare tickets for the panto on Saturday, can't go now. Free to anyone who wants them!",
    'Cooking for the whole family on £3 a head this week, message me for the recipe',
    'Revision session after school: 20 signed up, 3 turned up.',
    # the writer's own submission and course, work counted in, things given away, the writer in the exam room,
    # readers addressed in a list, blame taken, tickets bought, a place reached, a hobby's lessons
    'Deadline was 5pm and I finally hit submit at 4:58. MSc module done!',
    "Newydd gyflwyno traethawd i'r PhD. Dyddiad cau yfory, felly dwi'n rhydd!",
    'Three essays handed in out of 28 today. Three.',
    'Up for grabs: a box of GCSE maths revision guides, collection only from Hucclecote.',
    "Mock past paper this morning and I'm sat here invigilating in total silence",
    'Nurses, porters, support staff: thank you for looking after my dad this week.',
    "I've finally finished my Master's in School Leadership, graduation is in July!",
    "Mae'r llyfrau newydd wedi cyrraedd yr adran o'r diwedd",
    "Printer broke again at work and guess who's getting the blame",
    'Our table bought the most raffle tickets of the night and still won nothing',
    "Gwersi piano'r plant wedi eu canslo eto heddiw",
    # the writer's own bad day, own course, own stolen moment; a profession's cause
    "Horrible day. Sat through a two-hour meeting with some parents about the trip and I'm shattered.",
    'Who knew one essay for my leadership course could swallow a whole weekend? Crap coffee, lovely library.',
    'Sneaky crisps while the parents queue for their appointments',
    'Teachers deserve better. Simple as. 💪',
    # a treat greeted, a country's leaders, the writer's own child's school, a bunch of keys
    "Saturday, I'm coming for you 🥂",
    "The party leaders' debate was dull 🙄 nobody answered anything",
    "My daughter's school changed the uniform again 🙄",
    'Left a bunch of keys at the school gate, has anyone seen them',
    # s11: a staff first name beside a subject studied, not a department; a father's workmates
    'My niece Janet got an A in maths!',
    "His workmates threw him a party at the rugby club tonight",
    "Our office has a new coffee machine and I'm thrilled",
    "Mr Rees the plumber finally came round to fix the boiler",
    "To my fellow teachers everywhere: you've got this!",
    "Ten years as a cover supervisor and I still love it",
    "Whoever wrote this song deserves every award going",
    "Morale at home is at an all-time low since the telly broke",
    "My toddler cares more about the box than the present",
    "As cover supervisor I get to see every class in the school",
    # c6: the same shapes with nobody at work: family, a walk, a tutor's praise passed on
    "My sister's idea of a 'light walk' is twelve miles. Light. Walk.",
    "Told my son to tidy his room. That was two hours ago.",
    "My tutor read my policy essay and called it 'a really solid piece of work' 🥹",
    "Pwy benderfynodd fynd i'r traeth heddiw? Glaw trwy'r dydd.",
    # t1: schoolwork that is the writer's child's, the writer's own course, a book, a document sent to the writer, a show
    "Helping our youngest with her geography essay due Thursday and she has drawn a volcano instead.",
    "Y5 homework this week is a model of the solar system made from fruit. Who is it really for 🙃",
    "'Have you packed your homework' is the most-said sentence in this house on a Monday morning",
    "Aseiniad MSc i mewn erbyn dydd Llun. Dwi wedi sgwennu'r teitl a dim byd arall 😅",
    "Week 4 of my Spanish evening class and the homework this week is to describe my kitchen. Mi cocina es un desastre.",
    "My homework for the first-aid course this week: read two chapters and write a short reflection. The tables have turned.",
    "Her lad has never once handed in homework this year, or so she told me in the queue at Tesco.",
    "My Physics revision guide is out on Kindle today, took me two years to write 📘",
    "The residents' association emailed out a forty-page parking policy at 10pm on a Sunday. Read by Monday please 🙃",
    "Nothing beats a bring-your-own-picnic at the park with old friends and their dogs",
    "Entries for the village dog show close Saturday, dont forget your rosettes from last year!",
    # a relative's career, a child's own head, a meeting as a reason to be late, the writer as one of the teachers,
    # staff in the news, the writer's own ECT year, a hospital ward, a parent's own child
    "My grandad retired in 1998 after teaching maths for 40 years, deputy head for the last ten.",
    "Husband's line manager has given him Christmas off so we're off to see his mum in Devon, the kids can't wait",
    "Sports day at Noah's primary this morning and his headteacher ran the parents' race",
    "Pick up milk on the way? Staff meeting till half five tonight x",
    "Speaking as one of the teachers: the bake sale cakes were amazing, thank you all.",
    "Budget coverage everywhere today and teaching assistants barely get a mention.",
    "Signed off for ECT year two today, could not have done it without the tea.",
    "The nurses on Ward 9b have been wonderful with Dad this week.",
    "A parent stopped me at school today to say thank you for helping their child with reading.",
    # a deputy in politics, the writer's own role or appointment, a boss from a teenage job, the governors' meeting as a date
    "The deputy PM's interview on the news last night was something else.",
    "I'm head of science at a secondary in Leeds and after a spare ticket for the ASE conference.",
    "Delighted to say I've been appointed Deputy Headteacher (Pastoral) from September!",
    "My manager at the garage when I was 17 taught me to change a tyre in four minutes.",
    "Nothing from me on the new car park until the governors have met, sorry folks.",
    # tune3-oth: cuts across schools in general, a press write-up, the writer's own child and shopping, money due,
    # what the writer spent, a petition's tally reported, praise and thanks for someone in their current job
    "Another unfunded pay rise, so schools up and down the country will be cutting posts again. Every school I know is bracing.",
    "Did you see the Echo this week? Glowing write-up about the village panto, well deserved",
    "Practice SATs for my Year 5 son this week. I've bought him two revision guides, he has opened neither.",
    "Reminder for the class trip: the coach money is due Friday, cash in a named envelope please.",
    "The farmers market is back on Saturday and I've already spent £12 on cheese.",
    "The bypass petition hit 5,000 signatures overnight, thank you all! It goes to full council next month.",
    "Quick appreciation post for Jo Reid, the best childminder we've ever had. Rain or shine, always smiling.",
    "Priya Shah is hands down the best receptionist in the building. Never flustered.",
]


@pytest.mark.parametrize("category,text", MORE_FIRES)
def test_fires_more(check, category, text):
    found = check(text, now=SATURDAY)
    assert category in found, found


@pytest.mark.parametrize("text", MORE_QUIET)
def test_stays_quiet_more(check, text):
    assert check(text, now=SATURDAY) == {}


def test_a_title_and_surname_is_a_colleague_by_the_staff_roster_once_there_is_one(check, tmp_path):
    """With a staff roster, only its surnames make a colleague of a title: the writer's own child's
    teacher or the GP is not one. Without one, any title and surname beside a school word is."""
    assert "colleague_reference" in check("Mrs Holloway took assembly this morning", now=SATURDAY)
    assert "colleague_reference" not in check("Mrs Kowalski took assembly this morning", now=SATURDAY)
    (tmp_path / "pupils.csv").write_bytes((DATA / "pupils.csv").read_bytes())
    with Evaluator(tmp_path) as no_staff_roster:
        found = no_staff_roster.companion.check({"text": "Mrs Kowalski took assembly this morning", "now": SATURDAY})
    assert [f["rule"] for f in found["findings"]] == ["colleague-title-at-school"]
