# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""RSA key pairs for DKIM / DomainKeys (real keys; 512/768-bit ones built from primes we find,
because ``cryptography`` refuses to *generate* keys under 1024 bits but loads them fine)."""

from __future__ import annotations

import base64
import os
import random
import secrets
import uuid

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

_SMALL_PRIMES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47)

# MAILOPS_EMULATOR_KEY_SEED makes generated keys and object ids repeatable: two emulators started
# with the same seed generate the same ones in the same order (tests that compare two runs of one
# playbook set it); without it, keys come from the secrets module and ids are random UUIDs.
_SEED = os.environ.get("MAILOPS_EMULATOR_KEY_SEED")
_RANDOM = random.Random(_SEED) if _SEED else None
_IDS = random.Random(_SEED + "/ids") if _SEED else None


def new_uuid() -> str:
    """A new object id: uuid4, or the next of the seeded sequence."""
    if _IDS is None:
        return str(uuid.uuid4())
    return str(uuid.UUID(int=_IDS.getrandbits(128), version=4))


def _randbelow(n: int) -> int:
    return _RANDOM.randrange(n) if _RANDOM is not None else secrets.randbelow(n)


def _randbits(bits: int) -> int:
    return _RANDOM.getrandbits(bits) if _RANDOM is not None else secrets.randbits(bits)


def _is_probable_prime(n: int, rounds: int = 40) -> bool:
    if n < 2:
        return False
    for p in _SMALL_PRIMES:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _round in range(rounds):
        a = _randbelow(n - 3) + 2
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _square in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(bits: int) -> int:
    while True:
        candidate = _randbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if _is_probable_prime(candidate):
            return candidate


def _small_key(key_size: int) -> rsa.RSAPrivateKey:
    e = 65537
    while True:
        p, q = _prime(key_size // 2), _prime(key_size // 2)
        if p != q and (p - 1) % e and (q - 1) % e and (p * q).bit_length() == key_size:
            break
    n, phi = p * q, (p - 1) * (q - 1)
    d = pow(e, -1, phi)
    numbers = rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), rsa.RSAPublicNumbers(e, n))
    return numbers.private_key()


def generate(key_size: int) -> tuple[str, str]:
    """(private key PEM, public key as the base64 DER SubjectPublicKeyInfo used in ``p=`` of DNS)."""
    if key_size < 1024 or _RANDOM is not None:
        key = _small_key(key_size)
    else:
        key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    ).decode("ascii")
    public_der = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private_pem, base64.b64encode(public_der).decode("ascii")
