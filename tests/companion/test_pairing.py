"""Pairing with a one-time code, revocation on re-pairing, lockout, and the companion's proof."""

import pytest

from companion.pairing import MAX_FAILURES, Pairing, PairingError, proof
from companion.web.origins import PINNED_EXTENSION_IDS

CHROME = f"chrome-extension://{PINNED_EXTENSION_IDS[0]}"
FIREFOX = "moz-extension://0b7d3c1e-5f7a-4d7b-9a39-3f4f0c6a2b11"


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def pairing(companion):
    clock = Clock()
    companion.pairing = Pairing(companion.store, companion.secrets, clock=clock)
    companion.pairing.clock_ = clock
    return companion.pairing


def test_a_code_gives_a_secret_once(pairing):
    code = pairing.new_code()
    secret = pairing.redeem(code.lower(), CHROME)  # case and dashes do not matter
    assert pairing.secret_for(CHROME, secret) == secret
    with pytest.raises(PairingError):
        pairing.redeem(code, CHROME)


def test_pairing_again_revokes_the_previous_secret(pairing):
    first = pairing.redeem(pairing.new_code(), FIREFOX)
    second = pairing.redeem(pairing.new_code(), FIREFOX)
    assert pairing.secret_for(FIREFOX, first) is None
    assert pairing.secret_for(FIREFOX, second) == second
    assert FIREFOX in pairing.paired_origins()


def test_a_secret_works_only_from_its_own_origin(pairing):
    secret = pairing.redeem(pairing.new_code(), FIREFOX)
    assert pairing.secret_for("moz-extension://another-install", secret) is None
    assert pairing.secret_for(None, secret) == secret  # requests without Origin: the token decides


def test_codes_expire(pairing):
    code = pairing.new_code()
    pairing.clock_.now += 601
    with pytest.raises(PairingError, match="expired"):
        pairing.redeem(code, CHROME)


def test_wrong_codes_lock_pairing_out(pairing):
    code = pairing.new_code()
    for _ in range(MAX_FAILURES):
        with pytest.raises(PairingError) as caught:
            pairing.redeem("AAAA-AAAA", CHROME)
    assert caught.value.status == 403
    with pytest.raises(PairingError) as locked:
        pairing.redeem(code, CHROME)
    assert locked.value.status == 429
    pairing.clock_.now += 301
    with pytest.raises(PairingError, match="not right"):  # the guessed-at code was burnt
        pairing.redeem(code, CHROME)


def test_the_install_wide_token_keeps_working(pairing, companion):
    pairing.redeem(pairing.new_code(), CHROME)
    assert companion.authenticate(CHROME, companion.token())


def test_unpairing_in_another_process_is_seen(pairing, companion):
    secret = pairing.redeem(pairing.new_code(), CHROME)
    Pairing(companion.store, companion.secrets).unpair_all()
    assert pairing.secret_for(CHROME, secret) is None


def test_pair_and_hello_over_http(client, companion):
    code = companion.pairing.new_code()
    wrong = client.post("/v1/pair", json={"code": "ZZZZ-ZZZZ"}, headers={"Origin": FIREFOX})
    assert wrong.status_code == 403
    paired = client.post("/v1/pair", json={"code": code}, headers={"Origin": FIREFOX})
    assert paired.status_code == 200
    secret = paired.get_json()["token"]
    checked = client.post("/v1/check", json={"text": "hi"}, headers={"Origin": FIREFOX, "Authorization": f"Bearer {secret}"})
    assert checked.status_code == 200
    hello = client.post("/v1/hello", json={"nonce": "n" * 32}, headers={"Origin": FIREFOX}).get_json()
    assert proof(secret, "n" * 32) in hello["proofs"]
    assert proof("a squatter's guess", "n" * 32) not in hello["proofs"]


def test_other_extensions_and_pages_cannot_pair(client, companion):
    code = companion.pairing.new_code()
    other = client.post("/v1/pair", json={"code": code}, headers={"Origin": "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    page = client.post("/v1/pair", json={"code": code}, headers={"Origin": "https://evil.example"})
    assert other.status_code == 403 and page.status_code == 403


def test_hello_needs_a_proper_nonce(client):
    assert client.post("/v1/hello", json={"nonce": "short"}).status_code == 400
